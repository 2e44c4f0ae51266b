package dev.fastci.job;

import dev.fastci.backend.ContainerRemovals;
import dev.fastci.backend.JobContainer;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import java.util.ArrayList;
import java.util.List;

/** After the container ended: the result file, the container's removal, the memo and caches. */
final class JobFinish {
  private final JobResultFiles results;
  private final ContainerRemovals removals;
  private final JobCaching caching;
  private final JobArtifacts artifacts;

  /**
   * @param removals removes the containers of jobs that ended normally in the background; null when
   *     every container is removed before the activity ends
   */
  JobFinish(
      JobResultFiles results,
      ContainerRemovals removals,
      JobCaching caching,
      JobArtifacts artifacts) {
    this.results = results;
    this.artifacts = artifacts;
    this.removals = removals;
    this.caching = caching;
  }

  /**
   * Keeps the job's artifacts, writes the result, then hands the container to the background
   * removals, unless it timed out or was lost (those are removed at once).
   */
  Finished record(JobRequest request, JobLog log, JobContainer container, Executed executed) {
    JobResult result = executed.result();
    artifacts.keep(
        request, log, container); // before the result: a re-run of the activity keeps them too
    results.write(log, result); // before the container goes: the result is never lost
    boolean handOver =
        removals != null && !executed.containerLost() && result.outcome() != JobOutcome.TIMED_OUT;
    if (handOver) {
      removals.removeLater(request.runId(), container); // the run waits for it at its end
    }
    return new Finished(result, handOver);
  }

  /** After a success: records the memoized job, saves its caches, passes its key on. */
  void saveCaches(JobRequest request, JobLog log, Prepared.Ready ready, JobResult result) {
    if (result.outcome() == JobOutcome.SUCCEEDED) {
      List<String> saved = new ArrayList<>();
      caching.succeeded(request, log, ready.key(), ready.mounts(), saved);
      log.append(saved);
    }
  }
}
