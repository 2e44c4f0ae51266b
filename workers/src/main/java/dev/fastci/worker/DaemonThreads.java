package dev.fastci.worker;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background clocks that never keep the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A single daemon thread, named so in thread dumps, that runs scheduled work. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread thread = new Thread(r, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
