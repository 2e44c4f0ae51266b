package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cache key template: literal text with {@code {{ hash 'glob' }}} placeholders, each replaced by
 * the hash of the files the glob matches. Parsing is pure, so a spec is checked before anything
 * runs; the worker renders it against the files of the run.
 */
public final class KeyTemplate {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*hash\\s+(?:'([^']+)'|\"([^\"]+)\")\\s*}}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._+-]*");

  /** One piece of a template: literal text, or a glob whose files are hashed. */
  public record Part(String literal, String glob) {}

  private KeyTemplate() {}

  /**
   * The parts of the template, in order.
   *
   * @throws IllegalArgumentException saying what is wrong, to be reported at the key's path
   */
  public static List<Part> parse(String template) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      literal(template.substring(at, m.start()), parts);
      String glob = m.group(1) != null ? m.group(1) : m.group(2);
      if (glob.startsWith("/") || List.of(glob.split("/")).contains("..")) {
        throw new IllegalArgumentException(
            "hash " + SpecErrors.quote(glob) + " must be a relative glob without ..");
      }
      parts.add(new Part(null, glob));
      at = m.end();
    }
    literal(template.substring(at), parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return parts;
  }

  private static void literal(String text, List<Part> parts) {
    if (text.isEmpty()) {
      return;
    }
    if (text.contains("{{") || text.contains("}}")) {
      throw new IllegalArgumentException(
          "only {{ hash 'glob' }} placeholders are supported, got " + SpecErrors.quote(text));
    }
    if (!LITERAL.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "literal text may use only A-Z a-z 0-9 . _ + -, got " + SpecErrors.quote(text));
    }
    parts.add(new Part(text, null));
  }
}
