package dev.fastci.host;

import dev.fastci.util.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the pipeline dirs of runs that finished longer ago than the retention, on this host, at
 * start and then periodically: after that, a retry of the run is refused. It also keeps the dirs of
 * finished runs within their size budget, oldest first (see {@link PipelineDirs#keepWithin}).
 */
public final class PipelineDirRetention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineDirRetention.class);

  private final PipelineDirs dirs;
  private final Duration retention;
  private final long maxBytes;
  private final ScheduledExecutorService timer =
      DaemonThreads.scheduler("fastci-pipeline-dir-retention");

  /**
   * @param maxBytes the budget of the finished runs' dirs; 0 for none
   */
  public PipelineDirRetention(PipelineDirs dirs, Duration retention, long maxBytes) {
    this.dirs = dirs;
    this.retention = retention;
    this.maxBytes = maxBytes;
  }

  public PipelineDirRetention start(Duration every) {
    timer.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  void sweep() {
    try {
      for (String runId : dirs.removeExpired(retention)) {
        log.info("removed the pipeline dir of run {}: retention {} passed", runId, retention);
      }
      keepWithinBudget(dirs, maxBytes);
    } catch (IOException | RuntimeException e) {
      log.error("pipeline dir retention sweep failed; it runs again later", e);
    }
  }

  /** Removes the oldest finished runs' dirs until the rest fit in the budget. */
  static void keepWithinBudget(PipelineDirs dirs, long maxBytes) throws IOException {
    for (String runId : dirs.keepWithin(maxBytes)) {
      log.info(
          "removed the pipeline dir of run {}: the kept dirs were over {} bytes", runId, maxBytes);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
