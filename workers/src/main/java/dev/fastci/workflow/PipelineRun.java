package dev.fastci.workflow;

import dev.fastci.spec.PipelineSpec;
import java.util.List;

/**
 * The input of one execution of a pipeline run. A run's first execution starts every job; a retry
 * (attempt N+1) or a resume after a server restart (same attempt) starts a new execution under the
 * same run id that carries over the jobs it must not run again.
 *
 * @param runId also the workflow id; names containers, logs and the pipeline dir
 * @param attempt the attempt the jobs started by this execution belong to, from 1
 * @param carriedOver final job states kept from before (never re-run)
 * @param hostId the host that holds the run's pipeline dir, or null to let any host take the run
 * @param serverManaged true when a FastCI server owns the run: every state change is recorded in
 *     its store, and the pipeline dir is kept for retries instead of being removed at the end
 */
public record PipelineRun(
    String runId,
    PipelineSpec spec,
    int attempt,
    List<JobState> carriedOver,
    String hostId,
    boolean serverManaged) {

  public PipelineRun {
    carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
  }

  /** A first execution that nobody records: the command line's. */
  public PipelineRun(String runId, PipelineSpec spec, int attempt) {
    this(runId, spec, attempt, List.of(), null, false);
  }

  /** True for a retry or a resume: the pipeline dir (and checkout) already exist. */
  public boolean continuesEarlierExecution() {
    return attempt > 1 || !carriedOver.isEmpty() || hostId != null;
  }
}
