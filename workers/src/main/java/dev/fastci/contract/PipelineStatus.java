package dev.fastci.contract;

/** Where a pipeline run stands. */
public enum PipelineStatus {
  /** Waits for another run of its concurrency group to end; its workflow has not started. */
  QUEUED,
  PENDING,
  RUNNING,
  /** Runs no job now: it waits for a person to approve or reject an approval job. */
  WAITING,
  SUCCEEDED,
  FAILED,
  /** Every job that did not succeed was cancelled, or skipped because of a cancellation. */
  CANCELLED;

  public boolean isFinal() {
    return this != QUEUED && this != PENDING && this != RUNNING && this != WAITING;
  }
}
