package dev.fastci.contract;

import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/** Reads Temporal failures the way a user should see them: the root cause's own words. */
public final class Failures {
  private Failures() {}

  /** Whether the failure is, or was caused by, a cancellation. */
  public static boolean isCancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  /** The message of the innermost cause, without Temporal's wrapping. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root instanceof TemporalFailure temporal
            ? temporal.getOriginalMessage()
            : root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
