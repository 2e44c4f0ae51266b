package dev.fastci.worker;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * How a process's engine starts.
 *
 * @param target host:port of a Temporal cluster; blank for the embedded one
 * @param embeddedPort when not null, the embedded Temporal also listens on 127.0.0.1:port
 * @param withWorker whether this process also runs jobs
 * @param recycleAfter the embedded Temporal is replaced by a fresh one after this many executions
 *     (0: never); ignored with a cluster
 * @param metrics where the Temporal SDK reports its metrics; null for nowhere
 */
public record EngineSettings(
    String target,
    Integer embeddedPort,
    boolean withWorker,
    int recycleAfter,
    MeterRegistry metrics) {
  /** The default of {@code fastci.temporal.embedded.recycle-after}. */
  public static final int DEFAULT_RECYCLE_AFTER = 500;

  public EngineSettings {
    if (recycleAfter < 0) {
      throw new IllegalArgumentException(
          "fastci.temporal.embedded.recycle-after: must be 0 (never) or more, got " + recycleAfter);
    }
  }

  /** The engine of the command line and of a standalone worker: never recycled, no metrics. */
  public static EngineSettings of(String target, Integer embeddedPort, boolean withWorker) {
    return new EngineSettings(target, embeddedPort, withWorker, 0, null);
  }

  boolean isEmbedded() {
    return target == null || target.isBlank();
  }
}
