package dev.fastci.workflow;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobStatus;

/** Maps how a container ended to the job's status. */
final class JobStatusMapping {
  private JobStatusMapping() {}

  static JobStatus of(JobOutcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> JobStatus.SUCCEEDED;
      case FAILED -> JobStatus.FAILED;
      case TIMED_OUT -> JobStatus.TIMED_OUT;
      case ERROR -> JobStatus.ERROR;
    };
  }
}
