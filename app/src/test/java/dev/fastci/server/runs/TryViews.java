package dev.fastci.server.runs;

import dev.fastci.contract.JobStatus;
import java.time.Instant;
import java.util.List;

/** Tries for tests of the API and pages. */
public final class TryViews {
  private TryViews() {}

  /** Try 1 failed with exit 1 at t+1s, try 2 began at t+3s and succeeded at t+4s. */
  public static List<TryView> failedThenSucceeded(Instant t) {
    return List.of(
        new TryView(1, JobStatus.FAILED, 1, null, t, t.plusSeconds(1), t.plusSeconds(3)),
        new TryView(2, JobStatus.SUCCEEDED, 0, null, t.plusSeconds(3), t.plusSeconds(4), null));
  }
}
