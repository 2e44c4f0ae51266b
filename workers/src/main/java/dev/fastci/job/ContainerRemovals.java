package dev.fastci.job;

import dev.fastci.runner.Container;
import dev.fastci.runner.ContainerRunner;
import dev.fastci.worker.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

  private final ContainerRunner runner;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(2, DaemonThreads.named("fastci-container-removal"));
  private final Map<String, List<CompletableFuture<Void>>> pending = new ConcurrentHashMap<>();

  public ContainerRemovals(ContainerRunner runner) {
    this.runner = runner;
  }

  void removeLater(String runId, Container container) {
    CompletableFuture<Void> removal =
        CompletableFuture.runAsync(() -> runner.remove(container), executor);
    pending.computeIfAbsent(runId, id -> new ArrayList<>()).add(removal);
  }

  /** Waits until every container of the run handed over so far is removed. */
  public void awaitRun(String runId) {
    List<CompletableFuture<Void>> removals = pending.remove(runId);
    if (removals == null) {
      return;
    }
    CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).join();
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
