package dev.fastci.contract;

/** Where a job stands. The first three are not final. */
public enum JobStatus {
  PENDING,
  RUNNING,
  /** An approval job whose parents succeeded: it waits for a person to approve or reject it. */
  WAITING,
  /** Exit code 0. */
  SUCCEEDED,
  /** A non-zero exit code. */
  FAILED,
  TIMED_OUT,
  CANCELLED,
  /** A parent did not succeed, so the job never started. */
  SKIPPED,
  /** Could not start: image missing, a Docker error. */
  ERROR;

  public boolean isFinal() {
    return this != PENDING && this != RUNNING && this != WAITING;
  }
}
