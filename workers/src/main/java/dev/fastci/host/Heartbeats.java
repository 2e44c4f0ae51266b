package dev.fastci.host;

import dev.fastci.util.DaemonThreads;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats for an activity whose work gives no natural moment to (a clone, a wait): while the
 * host lives, the workflow hears from it; when the host dies, the heartbeat timeout tells.
 */
public final class Heartbeats {
  static final Duration EVERY = Duration.ofSeconds(1);

  private static final ScheduledExecutorService CLOCK =
      DaemonThreads.scheduler("fastci-heartbeats");

  private Heartbeats() {}

  /** Runs the work in the current activity, heartbeating every {@link #EVERY} meanwhile. */
  public static <T> T during(Supplier<T> work) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ScheduledFuture<?> beating =
        CLOCK.scheduleAtFixedRate(
            () -> context.heartbeat(null), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      beating.cancel(false);
    }
  }
}
