package dev.fastci.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of a worker host: jobs running, cache hits and misses with their restore times, and
 * log bytes written. They go to Micrometer's global registry, to which a server adds its Prometheus
 * registry; in a process without one (the command line, a standalone worker) they cost next to
 * nothing. docs/metrics.md lists them.
 */
public final class WorkerMeters {
  private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
  private static final AtomicInteger RUNNING = new AtomicInteger();

  static {
    Gauge.builder("fastci.jobs.running", RUNNING, AtomicInteger::get)
        .description("job containers this process's worker follows now")
        .register(REGISTRY);
  }

  private WorkerMeters() {}

  /** A job's container is being run and followed, until {@link #jobEnded}. */
  public static void jobStarted() {
    RUNNING.incrementAndGet();
  }

  public static void jobEnded() {
    RUNNING.decrementAndGet();
  }

  /**
   * A cache was looked for before a job.
   *
   * @param kind {@code cache} (a keyed cache) or {@code job} (a memoized job's record)
   * @param hit whether an entry was found and restored
   * @param took how long the look-up and the restore took
   */
  public static void cacheLookup(String kind, boolean hit, Duration took) {
    Counter.builder("fastci.cache.lookups")
        .description("caches and memoized jobs looked for, by kind and result")
        .tag("kind", kind)
        .tag("result", hit ? "hit" : "miss")
        .register(REGISTRY)
        .increment();
    if (hit) {
      Timer.builder("fastci.cache.restore")
          .description("how long restoring a cache or a memoized job took")
          .tag("kind", kind)
          .register(REGISTRY)
          .record(took);
    }
  }

  /** A job attempt's log ended with this many bytes. */
  public static void logBytes(long bytes) {
    Counter.builder("fastci.log.bytes")
        .description("bytes of job logs written")
        .baseUnit("bytes")
        .register(REGISTRY)
        .increment(bytes);
  }
}
