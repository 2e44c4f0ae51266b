package dev.fastci.server.users;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a JSON object body of the users and tokens APIs: unknown fields and fields of the
 * wrong type are errors that name the field, so a typo cannot pass silently.
 */
public final class JsonInput {
  private final Map<String, Object> body;

  private JsonInput(Map<String, Object> body) {
    this.body = body;
  }

  /**
   * @throws IllegalArgumentException naming the first unknown field
   */
  public static JsonInput of(Map<String, Object> body, Set<String> known) {
    if (body == null) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    for (String field : new TreeSet<>(body.keySet())) {
      if (!known.contains(field)) {
        throw new IllegalArgumentException(
            field + ": unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return new JsonInput(body);
  }

  /** The field's text, or null when it is absent or null. */
  public String text(String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(field + ": must be a string");
    }
    return text;
  }
}
