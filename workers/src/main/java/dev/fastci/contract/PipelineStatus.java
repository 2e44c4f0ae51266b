package dev.fastci.contract;

/** Where a pipeline run stands. */
public enum PipelineStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Every job that did not succeed was cancelled, or skipped because of a cancellation. */
  CANCELLED;

  public boolean isFinal() {
    return this != PENDING && this != RUNNING;
  }
}
