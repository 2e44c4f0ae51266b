package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A job's {@code when}: {@code branch}, {@code event}, {@code path} and {@code status}. */
final class ConditionRules {
  private static final Set<String> FIELDS = Set.of("branch", "event", "path", "status");
  private static final String EVENTS = "push, tag, pull_request, manual, api, schedule";

  private ConditionRules() {}

  static Condition condition(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object with branch, event, path or status");
      return null;
    }
    List<String> branches = null;
    List<String> events = null;
    List<String> include = null;
    List<String> exclude = null;
    Condition.Status status = null;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldAt = SpecErrors.key(at, field.getKey());
      JsonNode v = field.getValue();
      if (!FIELDS.contains(field.getKey())) {
        errors.add(fieldAt, "unknown field");
        continue;
      }
      switch (field.getKey()) {
        case "branch" -> branches = strings(v, fieldAt, "branch names or patterns", errors);
        case "event" -> events = events(v, fieldAt, errors);
        case "status" -> status = status(v, fieldAt, errors);
        case "path" -> {
          if (v.isObject()) {
            for (Map.Entry<String, JsonNode> p : v.properties()) {
              String pAt = SpecErrors.key(fieldAt, p.getKey());
              switch (p.getKey()) {
                case "include" -> include = strings(p.getValue(), pAt, "path patterns", errors);
                case "exclude" -> exclude = strings(p.getValue(), pAt, "path patterns", errors);
                default -> errors.add(pAt, "unknown field");
              }
            }
            if (include == null && exclude != null) {
              include = List.of("**");
            }
          } else {
            include = strings(v, fieldAt, "path patterns", errors);
          }
        }
        default -> throw new AssertionError(field.getKey());
      }
    }
    return new Condition(branches, events, include, exclude, status);
  }

  /** A string, or a non-empty list of non-empty strings. */
  static List<String> strings(JsonNode value, String at, String what, SpecErrors errors) {
    if (value.isTextual() && !value.textValue().isBlank()) {
      return List.of(value.textValue());
    }
    if (!value.isArray() || value.isEmpty()) {
      errors.add(at, "must be a string or a non-empty list of " + what);
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isTextual() && !item.textValue().isBlank()) {
        out.add(item.textValue());
      } else {
        errors.add(SpecErrors.index(at, i), "must be a non-empty string");
      }
    }
    return out;
  }

  private static List<String> events(JsonNode value, String at, SpecErrors errors) {
    List<String> events = strings(value, at, "events (" + EVENTS + ")", errors);
    if (events == null) {
      return null;
    }
    for (int i = 0; i < events.size(); i++) {
      if (!RunFacts.EVENTS.contains(events.get(i))) {
        errors.add(
            value.isArray() ? SpecErrors.index(at, i) : at,
            SpecErrors.quote(events.get(i)) + " is not an event: one of " + EVENTS);
      }
    }
    return events;
  }

  private static Condition.Status status(JsonNode value, String at, SpecErrors errors) {
    String text = value.isTextual() ? value.textValue() : "";
    return switch (text) {
      case "success", "failure", "always" ->
          Condition.Status.valueOf(text.toUpperCase(Locale.ROOT));
      default -> {
        errors.add(at, "must be success, failure or always");
        yield null;
      }
    };
  }
}
