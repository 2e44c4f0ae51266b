package dev.fastci.server.runs;

import dev.fastci.contract.PipelineStatus;
import java.time.Instant;
import java.util.List;

/**
 * How far a run's latest attempt is, from the store alone (no question to its workflow).
 *
 * @param jobs how many jobs the pipeline has
 * @param done how many of them ended in this attempt or were carried into it
 * @param failed the jobs that failed, timed out or could not start, in this attempt
 */
public record RunProgress(
    String runId,
    String name,
    PipelineStatus status,
    int attempt,
    int jobs,
    int done,
    List<String> failed,
    Instant startedAt,
    Instant finishedAt) {

  public RunProgress {
    failed = List.copyOf(failed);
  }
}
