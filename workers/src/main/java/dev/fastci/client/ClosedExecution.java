package dev.fastci.client;

import dev.fastci.contract.PipelineState;

/**
 * How the latest execution of a run closed, as Temporal tells it: for a run the store still lists
 * as unfinished.
 *
 * @param how what happened to the execution
 * @param reason the failure's message, or null
 * @param result the state a completed execution returned, else null
 */
public record ClosedExecution(How how, String reason, PipelineState result) {

  public ClosedExecution(How how, String reason) {
    this(how, reason, null);
  }

  /** What happened to a closed execution. */
  public enum How {
    COMPLETED("completed"),
    CANCELLED("was cancelled"),
    FAILED("failed"),
    TERMINATED("was terminated"),
    TIMED_OUT("timed out"),
    UNKNOWN("is unknown to Temporal");

    private final String words;

    How(String words) {
      this.words = words;
    }
  }

  /** Whether the execution returned the run's final state (it ended as our code ends it). */
  public boolean endedNormally() {
    return how == How.COMPLETED || how == How.CANCELLED;
  }

  /** What a user reads: {@code the run's workflow failed: <reason>}. */
  public String describe() {
    return "the run's workflow " + how.words + (reason == null ? "" : ": " + reason);
  }
}
