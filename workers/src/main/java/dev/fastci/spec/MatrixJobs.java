package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The instances of a matrix job: their names, and their fields with {@code {{ matrix.KEY }}}
 * replaced in {@code image}, {@code command}, {@code env} values and {@code platform}.
 */
final class MatrixJobs {
  /** The fields whose text may hold {@code {{ matrix.KEY }}}. */
  static final List<String> TEMPLATED = List.of("image", "command", "env", "platform");

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
  private static final int MAX_NAME = 100;

  private MatrixJobs() {}

  /**
   * The instance's job name: {@code test.jdk-17.os-a}, characters outside {@code A-Z a-z 0-9 . _ -}
   * replaced by {@code _}; {@code test.N} (N from 1) when that would be too long.
   */
  static String instanceName(String group, Map<String, String> values, int index) {
    StringBuilder name = new StringBuilder(group);
    values.forEach(
        (key, value) ->
            name.append('.').append(key).append('-').append(UNSAFE.matcher(value).replaceAll("_")));
    return name.length() <= MAX_NAME ? name.toString() : group + "." + (index + 1);
  }

  /** The variables an instance gets: {@code MATRIX_JDK=17}. */
  static void addEnv(Map<String, String> env, Map<String, String> values) {
    values.forEach(
        (key, value) -> env.putIfAbsent("MATRIX_" + key.toUpperCase(Locale.ROOT), value));
  }

  /** A copy of the job with the combination's values in its templated fields. */
  static ObjectNode renderJob(JsonNode job, Map<String, String> values) {
    ObjectNode copy = job.deepCopy();
    for (String field : TEMPLATED) {
      JsonNode value = copy.get(field);
      if (value != null) {
        copy.set(field, renderValue(value, values));
      }
    }
    return copy;
  }

  private static JsonNode renderValue(JsonNode value, Map<String, String> values) {
    if (value.isTextual()) {
      return TextNode.valueOf(Templates.render(value.textValue(), values));
    }
    if (value.isArray()) {
      ArrayNode out = ((ArrayNode) value).arrayNode();
      value.forEach(item -> out.add(renderValue(item, values)));
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = ((ObjectNode) value).objectNode();
      value.properties().forEach(e -> out.set(e.getKey(), renderValue(e.getValue(), values)));
      return out;
    }
    return value;
  }

  /** Reports every {@code {{ matrix.KEY }}} in a templated field whose key the matrix lacks. */
  static void checkPlaceholders(
      JsonNode job, String path, boolean hasMatrix, Set<String> keys, SpecErrors errors) {
    for (String field : TEMPLATED) {
      JsonNode value = job.get(field);
      if (value != null) {
        check(value, SpecErrors.key(path, field), hasMatrix, keys, errors);
      }
    }
  }

  private static void check(
      JsonNode value, String at, boolean hasMatrix, Set<String> keys, SpecErrors errors) {
    if (value.isTextual()) {
      for (String key : Templates.matrixKeys(value.textValue())) {
        if (!keys.contains(key)) {
          errors.add(
              at,
              "{{ matrix."
                  + key
                  + " }} is not a matrix key"
                  + (hasMatrix ? "" : " (the job has no matrix)"));
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), SpecErrors.index(at, i), hasMatrix, keys, errors);
      }
    } else if (value.isObject()) {
      value
          .properties()
          .forEach(
              e -> check(e.getValue(), SpecErrors.key(at, e.getKey()), hasMatrix, keys, errors));
    }
  }
}
