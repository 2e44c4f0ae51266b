package dev.fastci.job;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobResult;

/** The ways a job activity ends. */
final class JobResults {
  private JobResults() {}

  static JobResult exited(int exitCode, boolean timedOut, long startedAt, long now, String host) {
    JobOutcome outcome =
        timedOut ? JobOutcome.TIMED_OUT : exitCode == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED;
    return new JobResult(outcome, exitCode, null, startedAt, now, host, false);
  }

  /** Killed by the kernel for going over its memory limit. */
  static JobResult outOfMemory(int exitCode, String error, long startedAt, long now, String host) {
    return new JobResult(JobOutcome.FAILED, exitCode, error, startedAt, now, host, false);
  }

  static JobResult couldNotStart(String error, long startedAt, long now, String host) {
    return new JobResult(JobOutcome.ERROR, null, error, startedAt, now, host, false);
  }

  /** A memoized job: its recorded run was replayed instead of running it. */
  static JobResult memoized(long startedAt, long now, String host) {
    return new JobResult(JobOutcome.SUCCEEDED, 0, null, startedAt, now, host, true);
  }
}
