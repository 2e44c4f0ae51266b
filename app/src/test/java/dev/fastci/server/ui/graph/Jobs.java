package dev.fastci.server.ui.graph;

import dev.fastci.contract.JobStatus;
import dev.fastci.server.runs.JobView;
import java.time.Instant;
import java.util.List;

/** Builds {@link JobView}s for the tests. */
final class Jobs {
  static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  private Jobs() {}

  static JobView job(String name, String... parents) {
    return new JobView(
        name,
        JobStatus.PENDING,
        null,
        1,
        null,
        null,
        List.of(parents),
        null,
        null,
        false,
        List.of());
  }

  /** A job that ran from {@code T0 + startMs} to {@code T0 + endMs}. */
  static JobView ran(String name, long startMs, long endMs, String... parents) {
    return new JobView(
        name,
        JobStatus.SUCCEEDED,
        0,
        1,
        T0.plusMillis(startMs),
        T0.plusMillis(endMs),
        List.of(parents),
        null,
        "worker-1",
        false,
        List.of(1));
  }

  static JobView running(String name, long startMs, String... parents) {
    return new JobView(
        name,
        JobStatus.RUNNING,
        null,
        1,
        T0.plusMillis(startMs),
        null,
        List.of(parents),
        null,
        "worker-1",
        false,
        List.of(1));
  }

  /** An instance of matrix job {@code group}, shown as {@code group (label)}. */
  static JobView instance(String name, String group, String label, String... parents) {
    return new JobView(
        name,
        JobStatus.PENDING,
        null,
        1,
        null,
        null,
        List.of(parents),
        null,
        null,
        false,
        List.of(),
        null,
        group + " (" + label + ")",
        group,
        List.of(),
        1);
  }
}
