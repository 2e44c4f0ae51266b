package dev.fastci.workflow;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * Why a host activity failed, for a workflow that retries host activities itself (host failover):
 * its host did not take it, its host went silent while running it, or something else.
 */
enum ActivityTrouble {
  /** No worker of the host took it in time: the host is busy, or gone. */
  NOT_TAKEN,
  /** The worker running it stopped heartbeating: it stopped, or its host is gone. */
  WENT_SILENT,
  /** Another fault that a new try may not have (the Docker engine, a stuck call). */
  RETRYABLE,
  /** Cancelled, or a failure that says no try will succeed. */
  FINAL;

  static ActivityTrouble of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return FINAL;
      }
      if (t instanceof ApplicationFailure application && application.isNonRetryable()) {
        return FINAL;
      }
      if (t instanceof TimeoutFailure timeout) {
        if (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
          return NOT_TAKEN;
        }
        if (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
          return WENT_SILENT;
        }
      }
    }
    return RETRYABLE;
  }

  /** Whether the host may be gone, so that the workflow should ask it before trying again. */
  boolean questionsTheHost() {
    return this == NOT_TAKEN || this == WENT_SILENT;
  }

  /**
   * Whether this try counts towards the activity's limit of tries (a busy host's wait does not).
   */
  boolean countsAsATry() {
    return this == WENT_SILENT || this == RETRYABLE;
  }
}
