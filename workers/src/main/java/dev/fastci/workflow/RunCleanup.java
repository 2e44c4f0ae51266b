package dev.fastci.workflow;

import java.time.Duration;

/**
 * When a failed step of a run's cleanup is tried again, and when it is given up, in workflow time.
 * The pauses grow from one second to {@link #LONGEST_PAUSE}, so a Docker engine that comes back is
 * noticed within that; after {@link #GIVE_UP_AFTER} the run ends anyway and the server's janitor
 * takes over.
 */
final class RunCleanup {
  static final Duration GIVE_UP_AFTER = Duration.ofHours(1);
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

  private final long startedAt;
  private int failures;

  /**
   * @param startedAt when the step was first tried, in epoch milliseconds
   */
  RunCleanup(long startedAt) {
    this.startedAt = startedAt;
  }

  /** Counts a failed try at {@code now}; true when the step is to be given up. */
  boolean givesUp(long now) {
    failures++;
    return now - startedAt >= GIVE_UP_AFTER.toMillis();
  }

  /** Whether the try counted last was the first to fail. */
  boolean isFirstFailure() {
    return failures == 1;
  }

  /** The pause before the next try: doubling from {@link #FIRST_PAUSE} up to the longest. */
  Duration nextPause() {
    int doublings = Math.min(failures - 1, 16);
    Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }
}
