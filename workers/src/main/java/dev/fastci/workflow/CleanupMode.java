package dev.fastci.workflow;

import io.temporal.workflow.Workflow;

/**
 * How an execution tries its cleanup steps (remove the run's containers, release its dir).
 * Versioned: executions recorded before it replay with three quick tries.
 */
enum CleanupMode {
  /** Before this version: a step is given up after three quick tries, and so is the run's end. */
  THREE_TRIES,
  /**
   * A failed step is tried again with growing pauses ({@link RunCleanup}), and a run whose cleanup
   * fails for good still ends (a Docker engine that restarts must not leave it without an end).
   */
  UNTIL_DONE;

  private static final String CHANGE_ID = "cleanup-until-done";

  /** Asked right after the failover mode, and only with host failover (as it was recorded). */
  static CleanupMode detect(FailoverMode failover) {
    return failover == FailoverMode.HOST_FAILOVER
            && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1
        ? UNTIL_DONE
        : THREE_TRIES;
  }
}
