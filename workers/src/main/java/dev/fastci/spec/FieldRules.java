package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The fields jobs and services share: image, command, env, limits. */
final class FieldRules {
  static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private FieldRules() {}

  static String memory(JsonNode value, String at, SpecErrors errors) {
    try {
      if (MemorySize.parse(value.isTextual() ? value.textValue() : null)
          < MemorySize.DOCKER_MINIMUM) {
        errors.add(at, "must be at least 6m (Docker's minimum)");
      }
    } catch (IllegalArgumentException e) {
      errors.add(at, e.getMessage());
      return null;
    }
    return value.textValue().strip();
  }

  static Double cpus(JsonNode value, String at, SpecErrors errors) {
    double cpus = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      errors.add(at, "must be a number > 0");
      return null;
    }
    if (cpus < 0.01) {
      errors.add(at, "must be at least 0.01 (Docker's minimum)");
    }
    return cpus;
  }

  static String image(JsonNode value, String at, SpecErrors errors) {
    String image = value.isTextual() ? value.textValue() : "";
    if (image.isEmpty() || image.chars().anyMatch(Character::isWhitespace)) {
      errors.add(at, "must be a non-empty image name without whitespace");
      return null;
    }
    return image;
  }

  static List<String> command(JsonNode value, String at, SpecErrors errors) {
    if (value.isTextual()) {
      try {
        List<String> argv = CommandSplitter.split(value.textValue());
        if (argv.isEmpty()) {
          errors.add(at, "must contain at least one word");
        }
        return argv;
      } catch (IllegalArgumentException e) {
        errors.add(at, e.getMessage());
        return null;
      }
    }
    if (!value.isArray()) {
      errors.add(at, "must be a string or a non-empty list of strings");
      return null;
    }
    if (value.isEmpty()) {
      errors.add(at, "must be a non-empty list of strings");
    }
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i).isTextual()) {
        argv.add(value.get(i).textValue());
      } else {
        errors.add(SpecErrors.index(at, i), "must be a string");
      }
    }
    return argv;
  }

  static Double timeout(JsonNode value, String at, SpecErrors errors) {
    double secs = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!(secs > 0) || Double.isInfinite(secs)) {
      errors.add(at, "must be a number > 0");
      return null;
    }
    return secs;
  }

  static Map<String, String> env(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object");
      return Map.of();
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String key = entry.getKey();
      JsonNode v = entry.getValue();
      String keyAt = SpecErrors.key(at, key);
      if (!ENV_KEY.matcher(key).matches()) {
        errors.add(keyAt, "must be a variable name matching [A-Za-z_][A-Za-z0-9_]*");
      } else if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
        errors.add(keyAt, "must be a string, number or boolean");
      } else {
        env.put(key, v.asText());
      }
    }
    return env;
  }
}
