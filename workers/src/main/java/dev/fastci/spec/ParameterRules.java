package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The pipeline's {@code parameters}, and the values a run gives them. */
final class ParameterRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

  private ParameterRules() {}

  /** The valid parameters, in order; problems are added to {@code errors}. */
  static List<ParameterSpec> parameters(JsonNode value, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add("parameters", "must be an object of parameters by name");
      return List.of();
    }
    List<ParameterSpec> parameters = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String at = SpecErrors.key("parameters", entry.getKey());
      if (!NAME.matcher(entry.getKey()).matches()) {
        errors.add(at, "must be a variable name matching [A-Za-z_][A-Za-z0-9_]*");
        continue;
      }
      ParameterSpec parameter = parameter(entry.getKey(), entry.getValue(), at, errors);
      if (parameter != null) {
        parameters.add(parameter);
      }
    }
    return parameters;
  }

  private static ParameterSpec parameter(
      String name, JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object with default, choices and description");
      return null;
    }
    int before = errors.size();
    String defaultValue = null;
    List<String> choices = List.of();
    String description = null;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldAt = SpecErrors.key(at, field.getKey());
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "default" -> {
          defaultValue = scalar(v);
          if (defaultValue == null) {
            errors.add(fieldAt, "must be a string, number or boolean");
          }
        }
        case "choices" -> choices = choices(v, fieldAt, errors);
        case "description" -> {
          if (!v.isTextual()) {
            errors.add(fieldAt, "must be a string");
          }
          description = v.asText();
        }
        default -> errors.add(fieldAt, "unknown field");
      }
    }
    if (defaultValue != null && !choices.isEmpty() && !choices.contains(defaultValue)) {
      errors.add(
          SpecErrors.key(at, "default"),
          SpecErrors.quote(defaultValue) + " is not one of " + String.join(", ", choices));
    }
    return errors.size() > before
        ? null
        : new ParameterSpec(name, defaultValue, choices, description);
  }

  private static List<String> choices(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray() || value.isEmpty()) {
      errors.add(at, "must be a non-empty list of strings or numbers");
      return List.of();
    }
    List<String> choices = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String choice = scalar(value.get(i));
      if (choice == null) {
        errors.add(SpecErrors.index(at, i), "must be a string, number or boolean");
      } else {
        choices.add(choice);
      }
    }
    return choices;
  }

  private static String scalar(JsonNode value) {
    return value.isTextual() || value.isNumber() || value.isBoolean() ? value.asText() : null;
  }

  /**
   * The run's value of each parameter: the one given, else the default. Problems are reported at
   * {@code params.NAME}: a value not among the choices, a parameter the pipeline lacks, and (for a
   * run) one without a default that was not given.
   */
  static Map<String, String> values(
      List<ParameterSpec> parameters, RunVariables given, SpecErrors errors) {
    Map<String, String> values = new LinkedHashMap<>();
    for (ParameterSpec parameter : parameters) {
      String at = "params." + parameter.name();
      String value = given.params().getOrDefault(parameter.name(), parameter.defaultValue());
      if (value == null) {
        if (given.forRun()) {
          errors.add(at, "required: the parameter has no default");
        }
        value = "";
      } else if (!parameter.choices().isEmpty() && !parameter.choices().contains(value)) {
        errors.add(
            at,
            SpecErrors.quote(value) + " is not one of " + String.join(", ", parameter.choices()));
      }
      values.put(parameter.name(), value);
    }
    for (String name : given.params().keySet()) {
      if (!values.containsKey(name)) {
        errors.add("params." + name, "not a parameter of the pipeline");
      }
    }
    return values;
  }
}
