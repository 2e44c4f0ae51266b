package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job's {@code matrix}: axes of values, plus {@code exclude} and {@code include}. Its
 * combinations are the cross product of the axes in their order, minus every combination an {@code
 * exclude} entry matches, plus each {@code include} entry that is not already there.
 */
final class MatrixRules {
  static final int MAX_INSTANCES = 256;
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private MatrixRules() {}

  /** The combinations in order, or null after adding the matrix's problems to {@code errors}. */
  static List<Map<String, String>> combinations(JsonNode matrix, String at, SpecErrors errors) {
    if (!matrix.isObject() || matrix.isEmpty()) {
      errors.add(at, "must be an object of keys with lists of values, plus include and exclude");
      return null;
    }
    int before = errors.size();
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : matrix.properties()) {
      String key = field.getKey();
      if (key.equals("include") || key.equals("exclude")) {
        continue;
      }
      String keyAt = SpecErrors.key(at, key);
      if (!KEY.matcher(key).matches()) {
        errors.add(keyAt, "must be a key matching [A-Za-z_][A-Za-z0-9_]*");
        continue;
      }
      List<String> values = values(field.getValue(), keyAt, errors);
      if (values != null) {
        axes.put(key, values);
      }
    }
    List<Map<String, String>> exclude =
        entries(matrix.get("exclude"), SpecErrors.key(at, "exclude"), axes.keySet(), errors);
    List<Map<String, String>> include =
        entries(matrix.get("include"), SpecErrors.key(at, "include"), axes.keySet(), errors);
    if (errors.size() > before) {
      return null;
    }
    Set<String> keys =
        axes.isEmpty() && !include.isEmpty() ? include.get(0).keySet() : axes.keySet();
    for (int i = 0; i < include.size(); i++) {
      if (!include.get(i).keySet().equals(keys)) {
        errors.add(
            SpecErrors.index(SpecErrors.key(at, "include"), i),
            "must set every matrix key (" + String.join(", ", keys) + ")");
      }
    }
    long product = 1;
    for (List<String> values : axes.values()) {
      product = Math.min(product * values.size(), 1_000_000);
    }
    if (!axes.isEmpty() && product > MAX_INSTANCES * 16L) {
      errors.add(at, product + " combinations, at most " + MAX_INSTANCES);
      return null;
    }
    List<Map<String, String>> combinations = new ArrayList<>();
    if (!axes.isEmpty()) {
      cross(new ArrayList<>(axes.entrySet()), 0, new LinkedHashMap<>(), combinations);
    }
    combinations.removeIf(
        c -> exclude.stream().anyMatch(e -> c.entrySet().containsAll(e.entrySet())));
    for (Map<String, String> extra : include) {
      if (!combinations.contains(extra)) {
        combinations.add(extra);
      }
    }
    if (combinations.isEmpty()) {
      errors.add(at, "has no combination left after exclude");
      return null;
    }
    if (combinations.size() > MAX_INSTANCES) {
      errors.add(at, combinations.size() + " combinations, at most " + MAX_INSTANCES);
      return null;
    }
    return combinations;
  }

  private static void cross(
      List<Map.Entry<String, List<String>>> axes,
      int depth,
      LinkedHashMap<String, String> partial,
      List<Map<String, String>> out) {
    if (depth == axes.size()) {
      out.add(new LinkedHashMap<>(partial));
      return;
    }
    for (String value : axes.get(depth).getValue()) {
      partial.put(axes.get(depth).getKey(), value);
      cross(axes, depth + 1, partial, out);
    }
    partial.remove(axes.get(depth).getKey());
  }

  private static List<String> values(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray() || value.isEmpty()) {
      errors.add(at, "must be a non-empty list of strings or numbers");
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0; i < value.size(); i++) {
      String text = scalar(value.get(i));
      if (text == null) {
        errors.add(SpecErrors.index(at, i), "must be a string or a number");
      } else if (!values.add(text)) {
        errors.add(SpecErrors.index(at, i), "duplicate value " + SpecErrors.quote(text));
      }
    }
    return List.copyOf(values);
  }

  /** {@code include} or {@code exclude}: a list of objects of keys with one value each. */
  private static List<Map<String, String>> entries(
      JsonNode value, String at, Set<String> axes, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      errors.add(at, "must be a list of objects");
      return List.of();
    }
    boolean exclude = at.endsWith("exclude");
    List<Map<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String entryAt = SpecErrors.index(at, i);
      if (!value.get(i).isObject() || value.get(i).isEmpty()) {
        errors.add(entryAt, "must be a non-empty object of matrix keys and values");
        continue;
      }
      Map<String, String> entry = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : value.get(i).properties()) {
        String keyAt = SpecErrors.key(entryAt, field.getKey());
        String text = scalar(field.getValue());
        if (!KEY.matcher(field.getKey()).matches()) {
          errors.add(keyAt, "must be a key matching [A-Za-z_][A-Za-z0-9_]*");
        } else if ((exclude || !axes.isEmpty()) && !axes.contains(field.getKey())) {
          errors.add(keyAt, "not a matrix key");
        } else if (text == null) {
          errors.add(keyAt, "must be a string or a number");
        } else {
          entry.put(field.getKey(), text);
        }
      }
      entries.add(entry);
    }
    return entries;
  }

  private static String scalar(JsonNode value) {
    return value.isTextual() || value.isNumber() ? value.asText() : null;
  }
}
