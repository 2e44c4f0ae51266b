package dev.fastci.server.runs;

/** Links into Temporal Web ({@code fastci.temporal.web-url}), for a run and its executions. */
public final class TemporalWeb {
  private TemporalWeb() {}

  /**
   * The run's workflow in Temporal Web, or one execution of it; null without a base URL.
   *
   * @param executionId Temporal's run id of one execution, or null for the workflow
   */
  public static String link(String base, String runId, String executionId) {
    if (base == null || base.isBlank()) {
      return null;
    }
    String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String workflow = root + "/namespaces/default/workflows/" + runId;
    return executionId == null ? workflow : workflow + "/" + executionId + "/history";
  }
}
