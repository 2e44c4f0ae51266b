package dev.fastci.server.repos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads the fields of a JSON body with a fallback for the absent ones: the stored value on a
 * change, the default on a registration. {@code null} in the body clears an optional field.
 */
final class Fields {
  private final JsonNode body;
  private final boolean change;
  private final List<FieldError> errors;

  Fields(JsonNode body, Repo before, List<FieldError> errors) {
    this.body = body;
    this.change = before != null;
    this.errors = errors;
  }

  /** The trimmed text, {@code fallback} when absent, null when blank or null. */
  String text(String field, String fallback, boolean required) {
    JsonNode value = body.get(field);
    if (value == null) {
      if (required && fallback == null) {
        errors.add(new FieldError(field, "required"));
      }
      return fallback;
    }
    if (value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
      if (required) {
        errors.add(new FieldError(field, "required"));
      }
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return fallback;
    }
    return value.textValue().strip();
  }

  boolean flag(String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || (value.isNull() && !change)) {
      return fallback;
    }
    if (!value.isBoolean()) {
      errors.add(new FieldError(field, "must be true or false"));
      return fallback;
    }
    return value.booleanValue();
  }
}
