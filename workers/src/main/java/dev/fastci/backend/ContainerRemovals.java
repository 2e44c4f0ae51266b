package dev.fastci.backend;

import dev.fastci.util.DaemonThreads;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers of jobs that ended normally in the background, off the critical path: a
 * child job starts while its parent's container is still being removed. A run ends only after
 * {@link #awaitRun} saw all of its removals through, so a finished run still leaves nothing behind.
 * Cancelled and timed-out containers are removed at once by the job activity instead.
 */
public final class ContainerRemovals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContainerRemovals.class);

  private final Backend backend;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(2, DaemonThreads.named("fastci-container-removal"));
  private final Map<String, Queue<CompletableFuture<Void>>> pending = new ConcurrentHashMap<>();

  public ContainerRemovals(Backend backend) {
    this.backend = backend;
  }

  public void removeLater(String runId, JobContainer container) {
    CompletableFuture<Void> removal =
        CompletableFuture.runAsync(() -> backend.remove(container), executor);
    // Parallel jobs of one run add here at once: the queue is thread-safe.
    pending.computeIfAbsent(runId, id -> new ConcurrentLinkedQueue<>()).add(removal);
  }

  /**
   * Waits until every container of the run handed over so far is removed, then tears the run down
   * on this host ({@link Backend#tearDownRun}): removes whatever else this host made for the run (a
   * removal that failed, say while the Docker engine was down) and releases its network. Safe to
   * call again after it failed: the second call removes what the first could not.
   *
   * @throws RuntimeException when the engine does not answer; the caller tries again later
   */
  public void awaitRun(String runId) {
    Queue<CompletableFuture<Void>> removals = pending.remove(runId);
    if (removals != null) {
      for (CompletableFuture<Void> removal : removals) {
        try {
          removal.join();
        } catch (CompletionException failed) {
          log.warn(
              "run {}: a container removal failed ({}); removing by label instead",
              runId,
              failed.getCause().toString());
        }
      }
    }
    int left = backend.tearDownRun(runId);
    if (left > 0) {
      log.info("run {}: removed {} container(s) whose removal had failed before", runId, left);
    }
  }

  /** Finishes the removals under way (a stopping worker); the janitor sweeps what remains. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("container removals still running at shutdown; the janitor will sweep them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
