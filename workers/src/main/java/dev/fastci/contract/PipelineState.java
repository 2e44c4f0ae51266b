package dev.fastci.contract;

import java.util.List;

/**
 * A run as the workflow sees it now: what its query answers and what it returns at the end.
 *
 * @param error why the run could not set up (host or pipeline dir), else null
 * @param events what happened to the run besides its jobs' states, oldest first
 * @param services the run's services (pipeline field {@code services}), in spec order
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
    List<PipelineEvent> events,
    List<ServiceState> services) {

  public PipelineState {
    events = events == null ? List.of() : List.copyOf(events);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** A run without services. */
  public PipelineState(
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
    this(runId, name, status, attempt, startedAt, finishedAt, host, error, jobs, events, null);
  }

  public JobState job(String name) {
    return jobs.stream()
        .filter(j -> j.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no job " + name));
  }
}
