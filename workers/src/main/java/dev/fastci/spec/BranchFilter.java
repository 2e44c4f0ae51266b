package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code "on": {"branches": ["main", "release/*"]}}: which pushed branches start a pipeline. In a
 * pattern {@code *} matches within one path segment and {@code **} across segments.
 */
public final class BranchFilter {
  private BranchFilter() {}

  /**
   * The patterns, or null when {@code on} is absent (every push starts the pipeline), or an empty
   * list when {@code on} gives no {@code branches} (no push starts it: only its schedules do).
   * Problems go to {@code errors}; {@code on.schedule} is read by {@link ScheduleRules}.
   */
  static List<String> parse(JsonNode on, SpecErrors errors) {
    if (on == null || on.isNull()) {
      return null;
    }
    if (!on.isObject()) {
      errors.add("on", "must be an object like {\"branches\": [\"main\"]}");
      return null;
    }
    for (Map.Entry<String, JsonNode> field : on.properties()) {
      if (!field.getKey().equals("branches") && !field.getKey().equals("schedule")) {
        errors.add(SpecErrors.key("on", field.getKey()), "unknown field");
      }
    }
    JsonNode branches = on.get("branches");
    if (branches == null) {
      return List.of();
    }
    if (!branches.isArray() || branches.isEmpty()) {
      errors.add("on.branches", "must be a non-empty list of branch names or patterns");
      return null;
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      JsonNode pattern = branches.get(i);
      if (!pattern.isTextual() || pattern.textValue().isBlank()) {
        errors.add(SpecErrors.index("on.branches", i), "must be a non-empty string");
      } else {
        patterns.add(pattern.textValue());
      }
    }
    return patterns;
  }

  /**
   * Whether a push of {@code ref} starts a pipeline with these patterns: every ref when there are
   * none, else only branches ({@code refs/heads/...}) that match one.
   */
  public static boolean matches(List<String> patterns, String ref) {
    if (patterns == null) {
      return true;
    }
    if (ref == null || !ref.startsWith("refs/heads/")) {
      return false;
    }
    String branch = ref.substring("refs/heads/".length());
    return patterns.stream().anyMatch(p -> Glob.matches(p, branch));
  }
}
