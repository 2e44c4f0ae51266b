package dev.fastci.server.forge.status;

import dev.fastci.format.Durations;
import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.runs.RunProgress;
import java.time.Instant;

/** A run's progress as a commit status: its state and a description a reviewer can read. */
final class StatusDescriptions {
  private StatusDescriptions() {}

  static CommitStatus.State state(RunProgress run) {
    return switch (run.status()) {
      case QUEUED, PENDING -> CommitStatus.State.PENDING;
      case WAITING -> CommitStatus.State.WAITING;
      case RUNNING -> CommitStatus.State.RUNNING;
      case SUCCEEDED -> CommitStatus.State.SUCCESS;
      case FAILED -> CommitStatus.State.FAILURE;
      case CANCELLED -> CommitStatus.State.CANCELLED;
    };
  }

  /** "waiting to start", "3 of 5 jobs done", "succeeded in 1m 4s", "failed: test (12.3s)". */
  static String describe(RunProgress run, CommitStatus.State state) {
    return switch (state) {
      case PENDING -> "waiting to start";
      case WAITING -> "waiting for approval";
      case RUNNING -> run.done() + " of " + run.jobs() + " jobs done";
      case SUCCESS -> "succeeded in " + duration(run);
      case FAILURE ->
          (run.failed().isEmpty() ? "failed" : "failed: " + String.join(", ", run.failed()))
              + " ("
              + duration(run)
              + ")";
      case CANCELLED -> "cancelled after " + duration(run);
    };
  }

  private static String duration(RunProgress run) {
    if (run.startedAt() == null) {
      return "0s";
    }
    Instant end = run.finishedAt() == null ? Instant.now() : run.finishedAt();
    return Durations.format(end.toEpochMilli() - run.startedAt().toEpochMilli());
  }
}
