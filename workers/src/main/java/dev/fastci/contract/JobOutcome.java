package dev.fastci.contract;

/** How a job's container ended, as seen by the activity that ran it. */
public enum JobOutcome {
  /** Exit code 0. */
  SUCCEEDED,
  /** A non-zero exit code. */
  FAILED,
  /** Killed after its {@code timeout_secs}. */
  TIMED_OUT,
  /** Never ran: the image is missing, a mount is wrong, or the engine refused it. */
  ERROR
}
