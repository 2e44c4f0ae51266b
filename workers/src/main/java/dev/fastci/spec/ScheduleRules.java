package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code on.schedule}: when the pipeline runs on a clock. */
final class ScheduleRules {
  private static final String AT = "on.schedule";

  private ScheduleRules() {}

  static List<ScheduleSpec> schedules(JsonNode on, SpecErrors errors) {
    JsonNode value = on == null || !on.isObject() ? null : on.get("schedule");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray() || value.isEmpty()) {
      errors.add(AT, "must be a non-empty list like [{\"cron\": \"0 3 * * *\"}]");
      return List.of();
    }
    List<ScheduleSpec> schedules = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String at = SpecErrors.index(AT, i);
      JsonNode entry = value.get(i);
      if (!entry.isObject()) {
        errors.add(at, "must be an object with cron and branch");
        continue;
      }
      int before = errors.size();
      String cron = null;
      String branch = null;
      for (Map.Entry<String, JsonNode> field : entry.properties()) {
        String fieldAt = SpecErrors.key(at, field.getKey());
        switch (field.getKey()) {
          case "cron" -> cron = cron(field.getValue(), fieldAt, errors);
          case "branch" -> {
            branch = field.getValue().asText();
            if (!field.getValue().isTextual() || branch.isBlank()) {
              errors.add(fieldAt, "must be a branch name");
            }
          }
          default -> errors.add(fieldAt, "unknown field");
        }
      }
      if (!entry.has("cron")) {
        errors.add(SpecErrors.key(at, "cron"), "required");
      }
      if (errors.size() == before) {
        schedules.add(new ScheduleSpec(cron, branch));
      }
    }
    return schedules;
  }

  /** The expression, after checking it; problems name the cron field that is wrong. */
  static String cron(JsonNode value, String at, SpecErrors errors) {
    if (!value.isTextual()) {
      errors.add(at, "must be a cron expression such as \"0 3 * * *\"");
      return null;
    }
    try {
      Cron.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      errors.add(at, e.getMessage());
    }
    return value.textValue();
  }
}
