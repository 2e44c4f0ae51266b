package dev.fastci.workflow;

import dev.fastci.contract.PipelineStatus;
import java.util.Map;

/**
 * A run's final status from its jobs' ends: SUCCEEDED when every job succeeded, CANCELLED when
 * every job that did not succeed was cancelled or skipped because of a cancellation, else FAILED.
 */
final class RunVerdict {
  private RunVerdict() {}

  static PipelineStatus of(String error, Map<String, JobProgress> jobs) {
    if (error != null) {
      return PipelineStatus.FAILED;
    }
    boolean allSucceeded = true;
    for (JobProgress job : jobs.values()) {
      switch (job.status) {
        case SUCCEEDED -> {}
        case CANCELLED -> allSucceeded = false;
        case SKIPPED -> {
          if (skippedBecauseOfAFailure(job, jobs)) {
            return PipelineStatus.FAILED;
          }
          allSucceeded = false;
        }
        default -> {
          return PipelineStatus.FAILED;
        }
      }
    }
    return allSucceeded ? PipelineStatus.SUCCEEDED : PipelineStatus.CANCELLED;
  }

  /** A skipped job counts as a failure unless every reason upstream was a cancellation. */
  private static boolean skippedBecauseOfAFailure(JobProgress job, Map<String, JobProgress> jobs) {
    for (String parent : job.parents) {
      JobProgress p = jobs.get(parent);
      switch (p.status) {
        case FAILED, TIMED_OUT, ERROR -> {
          return true;
        }
        case SKIPPED -> {
          if (skippedBecauseOfAFailure(p, jobs)) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }
}
