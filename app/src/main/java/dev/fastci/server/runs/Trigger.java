package dev.fastci.server.runs;

import dev.fastci.spec.RunFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What started a run: {@code api} (a plain API call), {@code manual} (the web UI), {@code cli}
 * ({@code fastci run --server}) or {@code push} (the git hook, with repo, ref, before, after).
 */
public record Trigger(String type, Map<String, String> details) {

  public static Trigger of(String type) {
    return new Trigger(type, Map.of());
  }

  /**
   * The facts a run with this trigger judges its conditions against: a push's event ({@code push},
   * or {@code tag} for a tag) and branch; for the others, the branch given with the run.
   *
   * @param branch the branch given with a manual or API run, or null
   * @param changedPaths the files the push changed, or null when unknown
   */
  public RunFacts facts(String branch, List<String> changedPaths) {
    String ref = details.get("ref");
    return switch (type) {
      case "push" ->
          ref != null && ref.startsWith("refs/tags/")
              ? new RunFacts("tag", null, changedPaths)
              : new RunFacts(
                  "push",
                  ref != null && ref.startsWith("refs/heads/")
                      ? ref.substring("refs/heads/".length())
                      : null,
                  changedPaths);
      case "cli", "manual" -> new RunFacts("manual", branch, null);
      default -> new RunFacts(type, branch, null);
    };
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("type", type);
    map.putAll(details);
    return map;
  }
}
