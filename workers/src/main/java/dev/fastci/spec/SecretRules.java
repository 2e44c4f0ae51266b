package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code secrets} field, of a pipeline or of a job: a list of secret names. */
final class SecretRules {
  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private SecretRules() {}

  /** The valid names, in order; problems are added to {@code errors}. */
  static List<String> secrets(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of secret names");
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemAt = SpecErrors.index(at, i);
      if (!item.isTextual() || !NAME.matcher(item.textValue()).matches()) {
        errors.add(itemAt, "must be a secret name matching [A-Z_][A-Z0-9_]*");
      } else if (names.contains(item.textValue())) {
        errors.add(itemAt, "duplicate secret " + SpecErrors.quote(item.textValue()));
      } else {
        names.add(item.textValue());
      }
    }
    return names;
  }
}
