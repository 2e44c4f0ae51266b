package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code "on"}: which events start a pipeline. {@code "branches": ["main", "release/*"]} names the
 * pushed branches, {@code "pull_request": {"branches": ["main"]}} the pull requests by their target
 * branch, {@code "schedule"} its schedules (read by {@link ScheduleRules}). A pipeline without
 * {@code on} runs for every push and every pull request; with {@code on}, only for what it names.
 * In a pattern {@code *} matches within one path segment and {@code **} across segments.
 */
public final class BranchFilter {
  private static final String HEADS = "refs/heads/";

  private BranchFilter() {}

  /**
   * The parsed {@code on}. {@code branches} is null when {@code on} is absent (every push starts
   * the pipeline) and empty when {@code on} names no branches (no push starts it); {@code
   * pullRequests} is null when {@code on} names no pull requests.
   */
  record On(List<String> branches, PullRequestFilter pullRequests) {}

  /** The filters of {@code on}; problems go to {@code errors}. */
  static On parse(JsonNode on, SpecErrors errors) {
    if (on == null || on.isNull()) {
      return new On(null, null);
    }
    if (!on.isObject()) {
      errors.add("on", "must be an object like {\"branches\": [\"main\"]}");
      return new On(null, null);
    }
    for (Map.Entry<String, JsonNode> field : on.properties()) {
      String key = field.getKey();
      if (!key.equals("branches") && !key.equals("pull_request") && !key.equals("schedule")) {
        errors.add(SpecErrors.key("on", key), "unknown field");
      }
    }
    if (!on.has("branches") && !on.has("pull_request") && !on.has("schedule")) {
      errors.add("on", "must name branches, pull_request or schedule");
      return new On(null, null);
    }
    List<String> branches =
        on.has("branches") ? patterns(on.get("branches"), "on", errors) : List.of();
    return new On(branches, pullRequests(on.get("pull_request"), errors));
  }

  private static PullRequestFilter pullRequests(JsonNode value, SpecErrors errors) {
    if (value == null) {
      return null;
    }
    String at = "on.pull_request";
    if (!value.isObject()) {
      errors.add(at, "must be an object like {\"branches\": [\"main\"]}, or {} for every one");
      return null;
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (!field.getKey().equals("branches")) {
        errors.add(SpecErrors.key(at, field.getKey()), "unknown field");
      }
    }
    return new PullRequestFilter(
        value.has("branches") ? patterns(value.get("branches"), at, errors) : null);
  }

  private static List<String> patterns(JsonNode branches, String parent, SpecErrors errors) {
    String at = SpecErrors.key(parent, "branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      errors.add(at, "must be a non-empty list of branch names or patterns");
      return null;
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      JsonNode pattern = branches.get(i);
      if (!pattern.isTextual() || pattern.textValue().isBlank()) {
        errors.add(SpecErrors.index(at, i), "must be a non-empty string");
      } else {
        patterns.add(pattern.textValue());
      }
    }
    return patterns;
  }

  /**
   * Whether a push of {@code ref} starts the pipeline: every push when it has no {@code on}; none
   * when {@code on} names no branches (only pull requests or schedules); else a branch ({@code
   * refs/heads/...}) that matches one of {@code on.branches}.
   */
  public static boolean startsOnPush(PipelineSpec spec, String ref) {
    return matches(spec.branches(), ref);
  }

  /**
   * Whether a pull request into {@code targetBranch} starts the pipeline: every one when it has no
   * {@code on}; none when {@code on} does not name pull requests; else one whose target matches
   * {@code on.pull_request.branches} (any target when that is absent).
   */
  public static boolean startsOnPullRequest(PipelineSpec spec, String targetBranch) {
    if (spec.pullRequests() == null) {
      return spec.branches() == null;
    }
    List<String> patterns = spec.pullRequests().branches();
    return patterns == null || matches(patterns, HEADS + targetBranch);
  }

  /**
   * Whether a push of {@code ref} matches these patterns: every ref when there are none, else only
   * branches ({@code refs/heads/...}) that match one.
   */
  public static boolean matches(List<String> patterns, String ref) {
    if (patterns == null) {
      return true;
    }
    if (ref == null || !ref.startsWith(HEADS)) {
      return false;
    }
    String branch = ref.substring(HEADS.length());
    return patterns.stream().anyMatch(p -> Glob.matches(p, branch));
  }
}
