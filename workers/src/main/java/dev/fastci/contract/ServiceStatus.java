package dev.fastci.contract;

/** Where a service of a run is in its life. */
public enum ServiceStatus {
  /** Not started yet (the run did not get that far). */
  PENDING,
  /** Started, and not ready yet: the jobs that need it wait. */
  STARTING,
  /** Ready: the jobs that need it may start. */
  READY,
  /** Could not start, exited, or was not ready in time: the jobs that need it end in ERROR. */
  FAILED,
  /** Removed with the run's end. */
  STOPPED;

  public boolean isFinal() {
    return this == FAILED || this == STOPPED;
  }
}
