package dev.fastci.spec;

import java.util.Locale;

/** The text format of a pipeline spec. */
public enum SpecFormat {
  JSON,
  YAML,
  /** JSON when the text starts with {@code {} or {@code [}, YAML otherwise. */
  AUTO;

  /** YAML for {@code .yaml}/{@code .yml}, JSON for {@code .json}, AUTO for anything else. */
  public static SpecFormat forFileName(String fileName) {
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    return lower.endsWith(".json") ? JSON : AUTO;
  }

  /** This format, or for AUTO the one that {@code text} looks like. */
  public SpecFormat resolve(String text) {
    if (this != AUTO) {
      return this;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[' ? JSON : YAML;
      }
    }
    return YAML;
  }
}
