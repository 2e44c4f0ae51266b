package dev.fastci.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** Background threads that never keep the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A single daemon thread, named so in thread dumps, that runs scheduled work. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }

  /** Makes daemon threads, each named so in thread dumps. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
