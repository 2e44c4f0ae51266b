package dev.fastci.contract;

/**
 * What became of one fire of a schedule.
 *
 * @param runId the run it started, or null
 * @param message why nothing started, or null
 */
public record ScheduleFire(Outcome outcome, String runId, String message) {
  /** Whether the fire started a run, and whether the schedule still exists. */
  public enum Outcome {
    /** A run started (or had started already for this due time). */
    STARTED,
    /** The server did not start a run (the spec is no longer accepted, the schedule is paused). */
    SKIPPED,
    /** The schedule was deleted: its workflow ends. */
    GONE
  }

  public static ScheduleFire started(String runId) {
    return new ScheduleFire(Outcome.STARTED, runId, null);
  }

  public static ScheduleFire skipped(String message) {
    return new ScheduleFire(Outcome.SKIPPED, null, message);
  }

  public static ScheduleFire gone() {
    return new ScheduleFire(Outcome.GONE, null, null);
  }
}
