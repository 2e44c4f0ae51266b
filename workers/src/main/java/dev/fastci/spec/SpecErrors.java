package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the problems of one part of a spec, and builds the paths they are reported at. */
final class SpecErrors {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  private final List<SpecError> errors = new ArrayList<>();

  void add(String path, String message) {
    errors.add(new SpecError(path, message));
  }

  void addAll(SpecErrors other) {
    errors.addAll(other.errors);
  }

  int size() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<SpecError> list() {
    return List.copyOf(errors);
  }

  /** {@code base.key}, or {@code base["odd key"]} when the key would make the path ambiguous. */
  static String key(String base, String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return base + "[" + quote(key) + "]";
    }
    return base.isEmpty() ? key : base + "." + key;
  }

  static String index(String base, int index) {
    return base + "[" + index + "]";
  }

  /**
   * A value as it is shown inside a message: in double quotes, with quotes and controls escaped.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
