package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.client.HistoryArchive;
import dev.fastci.client.TemporalClients;
import dev.fastci.util.DaemonThreads;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal this process talks to, in generations. The embedded test server never forgets a
 * workflow, so after {@code recycleAfter} executions it is retired: its workers stop at once (jobs
 * leave their containers running), the histories it holds go to the {@link HistoryArchive}, it is
 * closed, and a fresh one with fresh workers takes its place. The runs that were still open on it
 * are handed to the {@link Recycle} listeners, which start them again on the new generation (the
 * server's resume path: jobs that ended keep their result, running containers are re-attached).
 * Calls wait while the switch happens. A cluster is one generation that is never recycled.
 */
final class Generations implements TemporalClients, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Generations.class);
  private static final int START_TRIES = 5;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final IntFunction<TemporalConnection> connect;
  private final WorkerConfig config;
  private final Backend backend;
  private final int recycleAfter;
  private final HistoryArchive archive;
  private final Map<String, Served> served = new LinkedHashMap<>();
  private final List<Consumer<Recycle>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicBoolean recycling = new AtomicBoolean();
  private final ExecutorService recycler =
      Executors.newSingleThreadExecutor(DaemonThreads.named("fastci-engine-recycle"));
  private Generation current;

  /**
   * @param connect opens the Temporal of generation n (from 1)
   * @param backend the backend of this process's worker; null for none
   * @param recycleAfter executions per generation; 0 never recycles
   * @param archive where a retired generation's histories go; null to drop them
   */
  Generations(
      IntFunction<TemporalConnection> connect,
      WorkerConfig config,
      Backend backend,
      int recycleAfter,
      HistoryArchive archive) {
    this.connect = connect;
    this.config = config;
    this.backend = backend;
    this.recycleAfter = recycleAfter;
    this.archive = archive;
    this.current = Generation.start(1, connect.apply(1), config, backend, Map.of());
  }

  @Override
  public <T> T starting(Function<WorkflowClient, T> start) {
    lock.readLock().lock();
    try {
      T result = start.apply(current.client());
      if (recycleAfter > 0
          && started.incrementAndGet() >= recycleAfter
          && recycling.compareAndSet(false, true)) {
        recycler.execute(this::recycleQuietly);
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T> T using(Function<WorkflowClient, T> call) {
    lock.readLock().lock();
    try {
      return call.apply(current.client());
    } finally {
      lock.readLock().unlock();
    }
  }

  WorkflowClient client() {
    return using(client -> client);
  }

  int generation() {
    return using(client -> current.number());
  }

  boolean isEmbedded() {
    return using(client -> current.isEmbedded());
  }

  /** Serves a task queue with these, on this generation and every later one. */
  void serve(String taskQueue, Served what) {
    lock.writeLock().lock();
    try {
      served.put(taskQueue, what);
      current.serve(taskQueue, what);
    } finally {
      lock.writeLock().unlock();
    }
  }

  void onRecycle(Consumer<Recycle> listener) {
    listeners.add(listener);
  }

  private void recycleQuietly() {
    try {
      recycle();
    } catch (RuntimeException e) {
      log.error("the embedded Temporal could not be recycled", e);
    } finally {
      recycling.set(false);
    }
  }

  /** Replaces the current generation by a fresh one now; returns what moved. */
  Recycle recycle() {
    long start = System.nanoTime();
    WorkflowClient retiring = client();
    if (archive != null) {
      archive.archiveClosed(retiring); // outside the lock: closed histories no longer change
    }
    Recycle done;
    long locked = System.nanoTime();
    lock.writeLock().lock();
    try {
      Generation old = current;
      if (!old.stopWorkers()) {
        log.warn(
            "generation {}: some jobs had not let go within {}",
            old.number(),
            Generation.STOP_LIMIT);
      }
      List<String> moved = old.openRunIds();
      if (archive != null) {
        archive.archiveAll(
            old.client(),
            "open when generation "
                + old.number()
                + " was retired; the run went on in generation "
                + (old.number() + 1)
                + " unless it had ended");
      }
      old.closeTemporal();
      current = startWithTries(old.number() + 1);
      // The runs that move here start again first; they do not count towards the next switch.
      started.set(-moved.size());
      done = new Recycle(old.number(), current.number(), moved);
    } finally {
      lock.writeLock().unlock();
    }
    long end = System.nanoTime();
    log.info(
        "embedded Temporal: generation {} retired, generation {} serves now; {} unfinished run(s)"
            + " go on there: {} ({} ms, calls waited {} ms)",
        done.retired(),
        done.serving(),
        done.movedRunIds().size(),
        done.movedRunIds(),
        (end - start) / 1_000_000,
        (end - locked) / 1_000_000);
    for (Consumer<Recycle> listener : listeners) {
      listener.accept(done);
    }
    return done;
  }

  private Generation startWithTries(int number) {
    List<RuntimeException> failures = new ArrayList<>();
    while (true) {
      try {
        return Generation.start(number, connect.apply(number), config, backend, served);
      } catch (RuntimeException e) {
        failures.add(e);
        log.error("generation {} could not start (try {})", number, failures.size(), e);
        if (failures.size() >= START_TRIES) {
          throw e;
        }
        sleep(1000L * failures.size());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops at once, without waiting for the workers' pollers and keeping no history: for a process
   * whose runs have all ended, which exits next, and whose histories nobody reads after it (the
   * command line's {@code run}).
   */
  public void closeNow() {
    recycler.shutdownNow();
    lock.writeLock().lock();
    try {
      current.stopWorkers(java.time.Duration.ZERO); // nothing runs: the process exits next
      current.closeTemporal();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    recycler.shutdownNow();
    lock.writeLock().lock();
    try {
      current.closeWorkers();
      if (archive != null && current.isEmbedded()) {
        archive.archiveAll(current.client(), "open when the server stopped");
      }
      current.closeTemporal();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
