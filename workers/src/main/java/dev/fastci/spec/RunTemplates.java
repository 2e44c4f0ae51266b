package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values of a run's template variables, by {@code namespace.key}. */
final class RunTemplates {
  private RunTemplates() {}

  /**
   * {@code params.NAME}, {@code git.branch}, {@code git.commit} (the run's, else the spec's {@code
   * commit_hash}), {@code git.base_branch} and {@code pipeline.name}; a git variable the run does
   * not know is empty.
   */
  static Map<String, String> variables(
      String pipelineName, Map<String, String> params, RunVariables given, JsonNode root) {
    Map<String, String> values = new LinkedHashMap<>();
    params.forEach((name, value) -> values.put("params." + name, value));
    JsonNode commitHash = root.get("commit_hash");
    String commit =
        given.commit() != null
            ? given.commit()
            : commitHash != null && commitHash.isTextual() ? commitHash.textValue() : null;
    values.put("git.branch", orEmpty(given.branch()));
    values.put("git.commit", orEmpty(commit));
    values.put("git.base_branch", orEmpty(given.baseBranch()));
    values.put("pipeline.name", orEmpty(pipelineName));
    return values;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
