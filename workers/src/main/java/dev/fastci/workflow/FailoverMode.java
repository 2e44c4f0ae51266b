package dev.fastci.workflow;

import dev.fastci.contract.PipelineRun;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * How an execution deals with a host that stops answering. Versioned: executions recorded before
 * host failover replay with Temporal's own retries of the host activities.
 */
enum FailoverMode {
  /** Before host failover: Temporal retries host activities, and no host is ever questioned. */
  TEMPORAL_RETRIES,
  /**
   * The workflow tries host activities again itself, asks a silent host whether it lives, and moves
   * the run to another host when it does not.
   */
  HOST_FAILOVER;

  private static final String CHANGE_ID = "host-failover";

  /** The first command of an execution: the marker of this version. */
  static FailoverMode detect() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1
        ? HOST_FAILOVER
        : TEMPORAL_RETRIES;
  }

  /** How long a host activity may wait for its host to take it; null for no limit. */
  Duration hostWait(PipelineRun run) {
    return this == HOST_FAILOVER ? run.hostLostAfter() : null;
  }

  /** Why a host activity failed, as far as this mode looks: without failover, it is final. */
  ActivityTrouble trouble(Throwable failure) {
    return this == HOST_FAILOVER ? ActivityTrouble.of(failure) : ActivityTrouble.FINAL;
  }
}
