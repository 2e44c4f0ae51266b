package dev.fastci.spec;

import java.util.List;

/**
 * A job's {@code retry}: how often Temporal tries the job's activity, and after which outcomes.
 *
 * @param max the total number of tries, 1 to 10 (1: no retry)
 * @param on the outcomes tried again, in this order: {@code error} (could not start, container
 *     lost, Docker error), {@code failure} (any non-zero exit) and {@code timeout}
 * @param exitCodes with {@code failure:N} entries: only these exit codes count as a retried
 *     failure; empty for any
 * @param backoffSecs the first wait, doubling each time
 */
public record RetrySpec(int max, List<On> on, List<Integer> exitCodes, double backoffSecs) {
  public static final int MAX_TRIES = 10;
  public static final double MAX_BACKOFF_SECS = 600;

  /** An outcome that may be tried again. */
  public enum On {
    ERROR,
    FAILURE,
    TIMEOUT
  }

  public RetrySpec {
    on = on == null ? List.of(On.ERROR) : on.stream().distinct().sorted().toList();
    exitCodes = exitCodes == null ? List.of() : List.copyOf(exitCodes);
  }

  /**
   * How long Temporal waits after try {@code tryNumber} before the next one: {@code backoffSecs},
   * doubling with each try, at most {@link #MAX_BACKOFF_SECS}.
   */
  public long backoffMillisAfter(int tryNumber) {
    double secs = backoffSecs * Math.pow(2, Math.max(0, tryNumber - 1));
    return Math.round(Math.min(secs, MAX_BACKOFF_SECS) * 1000);
  }

  /** Whether a try that ended this way is tried again (while tries are left). */
  public boolean retries(On outcome, Integer exitCode) {
    if (!on.contains(outcome)) {
      return false;
    }
    return outcome != On.FAILURE || exitCodes.isEmpty() || exitCodes.contains(exitCode);
  }
}
