package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.fastci.util.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network holders kept started ahead. Making a network namespace is most of the cost of starting a
 * container (about 110 ms of 190 on the reference machine), so a run's first job takes a holder
 * from this pool by renaming it, and an ended run gives it back. The pool is refilled in the
 * background when it runs empty, unless it is a one-run process's ({@link WarmPool#ONE_RUN}). A
 * pool container that vanished (removed by another worker process of the same host id at its start)
 * is skipped; an empty pool means the holder is made on the spot. The pool is removed when the
 * worker stops, or, after a crash, when a worker of the same host id starts.
 */
final class RunNetworkPool {
  private static final Logger log = LoggerFactory.getLogger(RunNetworkPool.class);

  /** How long a claim waits for a holder being started before it makes one itself. */
  private static final Duration FILL_WAIT = Duration.ofSeconds(10);

  private final DockerContainers containers;
  private final DockerClient docker;
  private final String hostId;
  private final String store;
  private final WarmPool policy;
  private final ConcurrentLinkedQueue<String> warm = new ConcurrentLinkedQueue<>();
  private final AtomicInteger filling = new AtomicInteger();
  private final ExecutorService refill =
      Executors.newSingleThreadExecutor(DaemonThreads.named("fastci-run-network-pool"));
  private volatile boolean closed;

  private RunNetworkPool(
      DockerContainers containers, String hostId, String store, WarmPool policy) {
    this.containers = containers;
    this.docker = containers.docker();
    this.hostId = hostId;
    this.store = store;
    this.policy = policy;
  }

  /** How many holders wait started in the pool now. */
  int warmCount() {
    return warm.size();
  }

  /** Removes what a crashed worker of this host id left in its pool, then fills the pool. */
  static RunNetworkPool start(
      DockerContainers containers, String hostId, String store, WarmPool policy) {
    RunNetworkPool pool = new RunNetworkPool(containers, hostId, store, policy);
    pool.removeStale();
    pool.refillLater();
    return pool;
  }

  /** Renames a started pool container to {@code name}; false when the pool is empty. */
  boolean claim(String name) {
    if (!policy.refills() && warm.isEmpty() && filling.get() > 0) {
      awaitFilling(); // the one holder of a one-run process, started with it: sooner than a new one
    }
    String pooled;
    while ((pooled = warm.poll()) != null) {
      if (warm.isEmpty() && policy.refills()) {
        refillLater(); // ended runs give their holders back, so refill only what is missing
      }
      try {
        docker.renameContainerCmd(pooled).withName(name).exec();
        // Pool holders are started, but a Docker engine that restarted since stopped them all.
        containers.start(name);
        return true;
      } catch (NotFoundException vanished) {
        log.debug("run networks: pool container {} vanished; trying the next", pooled);
      }
    }
    if (policy.refills()) {
      refillLater();
    }
    return false;
  }

  /** Waits for the holders being started now (the refill thread runs them one after another). */
  private void awaitFilling() {
    try {
      refill.submit(() -> {}).get(FILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException | ExecutionException | TimeoutException closedOrSlow) {
      log.debug("run networks: did not wait for the pool: {}", closedOrSlow.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True when a holder given back would be kept. */
  boolean hasRoom() {
    return !closed && warm.size() + filling.get() < policy.size();
  }

  /**
   * Renames a run's holder into the pool.
   *
   * @return false when the engine refused the rename: the caller removes the holder instead
   */
  boolean takeBack(String name) {
    String pooled = HolderNames.pooled(hostId);
    try {
      docker.renameContainerCmd(name).withName(pooled).exec();
      warm.add(pooled);
      return true;
    } catch (NotFoundException gone) {
      return true; // nothing left to remove
    } catch (ConflictException renameRefused) {
      log.debug("run networks: could not pool the holder {}: {}", name, renameRefused);
      return false;
    }
  }

  private void refillLater() {
    if (closed || warm.size() + filling.get() >= policy.size()) {
      return;
    }
    filling.incrementAndGet();
    refill.execute(
        () -> {
          try {
            if (!closed) {
              String name = HolderNames.pooled(hostId);
              containers.start(createHolder(name));
              warm.add(name);
            }
          } catch (RuntimeException e) {
            log.warn("run networks: could not start a pool container: {}", e.toString());
          } finally {
            filling.decrementAndGet();
          }
        });
  }

  /** Creates a holder container (not started) of this name; returns its id. */
  String createHolder(String name) {
    return containers
        .createOrFind(
            docker
                .createContainerCmd(PauseImage.NAME)
                .withName(name)
                .withCmd(PauseImage.PROGRAM)
                .withLabels(HolderNames.labels(hostId, store))
                .withHostConfig(HostConfig.newHostConfig().withPrivileged(false)))
        .id();
  }

  private void removeStale() {
    Map<String, String> ofThisHost =
        Map.of(HolderNames.LABEL_ROLE, HolderNames.ROLE, HolderNames.LABEL_POOL_HOST, hostId);
    for (Container stale :
        docker.listContainersCmd().withShowAll(true).withLabelFilter(ofThisHost).exec()) {
      String name = stale.getNames()[0].replaceFirst("^/", "");
      if (HolderNames.isPooled(name)) {
        containers.remove(
            name, false); // by name: one claimed meanwhile has another name, and stays
      }
    }
  }

  /** Removes the pool; the holders of runs still going stay, for a restarted worker. */
  void close() {
    closed = true;
    refill.shutdown();
    try {
      refill.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // side by side: each removal waits for the engine to kill its holder
    List<Thread> removals = new ArrayList<>();
    String pooled;
    while ((pooled = warm.poll()) != null) {
      String holder = pooled;
      Thread removal = DaemonThreads.named("fastci-pool-removal").newThread(() -> remove(holder));
      removal.start();
      removals.add(removal);
    }
    for (Thread removal : removals) {
      try {
        removal.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void remove(String holder) {
    try {
      containers.remove(holder, false);
    } catch (RuntimeException e) {
      log.warn("run networks: could not remove the pool container {}: {}", holder, e.toString());
    }
  }
}
