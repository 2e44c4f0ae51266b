package dev.fastci.workflow;

import dev.fastci.contract.PipelineStatus;
import java.util.Map;

/**
 * A run's final status from its jobs' ends: FAILED when a job failed (or was skipped because one
 * upstream did), CANCELLED when every job that did not succeed was cancelled or skipped because of
 * a cancellation, else SUCCEEDED. A job skipped by its condition counts like one that succeeded.
 */
final class RunVerdict {
  private RunVerdict() {}

  static PipelineStatus of(String error, Map<String, JobProgress> jobs) {
    if (error != null) {
      return PipelineStatus.FAILED;
    }
    boolean cancelled = false;
    for (JobProgress job : jobs.values()) {
      switch (job.status) {
        case SUCCEEDED -> {}
        case CANCELLED -> cancelled = true;
        case SKIPPED -> {
          JobGate.Cause cause = JobGate.causeOf(job);
          if (cause == JobGate.Cause.FAILURE) {
            return PipelineStatus.FAILED;
          }
          cancelled |= cause == JobGate.Cause.CANCEL;
        }
        default -> {
          return PipelineStatus.FAILED;
        }
      }
    }
    return cancelled ? PipelineStatus.CANCELLED : PipelineStatus.SUCCEEDED;
  }
}
