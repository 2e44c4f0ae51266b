package dev.fastci.contract;

import java.util.List;

/**
 * A run as the workflow sees it now: what its query answers and what it returns at the end.
 *
 * @param error why the run could not set up (host or pipeline dir), else null
 * @param events what happened to the run besides its jobs' states, oldest first
 */
public record PipelineState(
    String runId,
    String name,
    PipelineStatus status,
    int attempt,
    Long startedAt,
    Long finishedAt,
    String host,
    String error,
    List<JobState> jobs,
    List<PipelineEvent> events) {

  public PipelineState {
    events = events == null ? List.of() : List.copyOf(events);
  }

  public JobState job(String name) {
    return jobs.stream()
        .filter(j -> j.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no job " + name));
  }
}
