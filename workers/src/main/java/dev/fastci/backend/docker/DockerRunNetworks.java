package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.fastci.backend.Labels;
import dev.fastci.backend.RunNetworks;
import dev.fastci.util.DaemonThreads;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run networks on a Docker engine. Each is a started {@link PauseImage} container named {@code
 * fastci-RUN-net}, on Docker's default bridge; job containers join it with {@code --network
 * container:fastci-RUN-net}.
 *
 * <p>Making a network namespace is most of the cost of starting a container (about 110 ms of 190 on
 * the reference machine), so a few holders are kept started ahead in a warm pool: a run's first job
 * takes one by renaming it, and an ended run gives it back. The pool is refilled in the background
 * when it runs empty. A pool container that vanished (removed by another worker process of the same
 * host id at its start) is skipped; an empty pool means the holder is made on the spot.
 *
 * <p>Cleanup: the run's holder goes back into the pool, or is removed, when the run ends ({@link
 * #leave}); the pool is removed when the worker stops, or, after a crash, when a worker of the same
 * host id starts. A server's janitor knows a holder's run by its name.
 */
public final class DockerRunNetworks implements RunNetworks {
  public static final String LABEL_ROLE = "dev.fastci.role";
  public static final String ROLE = "run-network";
  public static final String LABEL_POOL_HOST = "dev.fastci.pool-host";
  private static final String SUFFIX = "-net";
  private static final Logger log = LoggerFactory.getLogger(DockerRunNetworks.class);

  private final DockerClient docker;
  private final String hostId;
  private final String store;
  private final int poolSize;
  private final ConcurrentLinkedQueue<String> warm = new ConcurrentLinkedQueue<>();
  private final AtomicInteger filling = new AtomicInteger();
  private final Map<String, RunHolder> holders = new ConcurrentHashMap<>();
  private final ExecutorService refill =
      Executors.newSingleThreadExecutor(DaemonThreads.named("fastci-run-network-pool"));
  private volatile boolean closed;

  /** What this process knows of a run's holder: whether it is known to run. */
  private static final class RunHolder {
    boolean ready;
  }

  private DockerRunNetworks(DockerClient docker, String hostId, String store, int poolSize) {
    this.docker = docker;
    this.hostId = hostId;
    this.store = store;
    this.poolSize = poolSize;
  }

  /**
   * Run networks for a worker, or {@link RunNetworks#PER_JOB} when the engine cannot run the pause
   * image (an engine of another architecture than x86-64).
   *
   * @param store the {@code dev.fastci.store} label of the worker's containers, or null
   */
  public static RunNetworks start(DockerClient docker, String hostId, String store, int poolSize) {
    String architecture = docker.infoCmd().exec().getArchitecture();
    if (!PauseImage.supports(architecture)) {
      log.info(
          "run networks: the engine runs {}, not x86-64: each job gets a network of its own",
          architecture);
      return PER_JOB;
    }
    PauseImage.ensure(docker);
    DockerRunNetworks networks = new DockerRunNetworks(docker, hostId, store, poolSize);
    networks.removeStalePool();
    networks.refillLater();
    return networks;
  }

  /** The name of the run's network holder. */
  public static String holderName(String runId) {
    return "fastci-" + runId + SUFFIX;
  }

  /** The run whose network holder has this name, or null for any other name. */
  public static String runOfHolder(String containerName) {
    String prefix = "fastci-";
    return containerName.startsWith(prefix)
            && containerName.endsWith(SUFFIX)
            && !containerName.startsWith(prefix + "pool-")
        ? containerName.substring(prefix.length(), containerName.length() - SUFFIX.length())
        : null;
  }

  @Override
  public String join(String runId) {
    RunHolder holder = holders.computeIfAbsent(runId, id -> new RunHolder());
    synchronized (holder) {
      if (!holder.ready) { // once per run and worker process: later jobs go straight to Docker
        String name = holderName(runId);
        if (!ensureRunning(name)) {
          claimOrCreate(name);
        }
        holder.ready = true;
      }
    }
    return "container:" + holderName(runId);
  }

  /**
   * Puts the run's holder back into the pool when the pool has room and no container of the run is
   * left in its namespace; removes it otherwise. A reused namespace is clean: the run's processes
   * are gone, and unprivileged jobs (no {@code NET_ADMIN}) cannot change its routes, addresses or
   * firewall.
   */
  @Override
  public void leave(String runId) {
    holders.remove(runId);
    String name = holderName(runId);
    if (!closed && warm.size() + filling.get() < poolSize && runHasNoContainers(runId)) {
      String pooled = poolName();
      try {
        docker.renameContainerCmd(name).withName(pooled).exec();
        warm.add(pooled);
        return;
      } catch (NotFoundException gone) {
        return;
      } catch (ConflictException renameRefused) {
        log.debug("run networks: could not pool the holder of {}: {}", runId, renameRefused);
      }
    }
    remove(name);
  }

  private boolean runHasNoContainers(String runId) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.RUN, runId))
        .exec()
        .isEmpty();
  }

  /** True when the holder exists and runs (it is started again when it had stopped). */
  private boolean ensureRunning(String name) {
    InspectContainerResponse holder;
    try {
      holder = docker.inspectContainerCmd(name).exec();
    } catch (NotFoundException missing) {
      return false;
    }
    if (!Boolean.TRUE.equals(holder.getState().getRunning())) {
      start(holder.getId());
    }
    return true;
  }

  /** Renames a started pool container to the run's holder name, or makes one. */
  private void claimOrCreate(String name) {
    String pooled;
    while ((pooled = warm.poll()) != null) {
      if (warm.isEmpty()) {
        refillLater(); // ended runs give their holders back, so refill only what is missing
      }
      try {
        docker.renameContainerCmd(pooled).withName(name).exec();
        // Pool holders are started, but a Docker engine that restarted since stopped them all.
        start(name);
        return;
      } catch (NotFoundException vanished) {
        log.debug("run networks: pool container {} vanished; trying the next", pooled);
      }
    }
    refillLater();
    start(create(name));
  }

  private String poolName() {
    return "fastci-pool-" + hostId + "-" + UUID.randomUUID();
  }

  private void refillLater() {
    if (closed || warm.size() + filling.get() >= poolSize) {
      return;
    }
    filling.incrementAndGet();
    refill.execute(
        () -> {
          try {
            if (!closed) {
              String name = poolName();
              start(create(name));
              warm.add(name);
            }
          } catch (RuntimeException e) {
            log.warn("run networks: could not start a pool container: {}", e.toString());
          } finally {
            filling.decrementAndGet();
          }
        });
  }

  private String create(String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED, "true");
    labels.put(LABEL_ROLE, ROLE);
    labels.put(LABEL_POOL_HOST, hostId); // a holder may go back into the pool
    if (store != null) {
      labels.put(Labels.STORE, store);
    }
    try {
      return docker
          .createContainerCmd(PauseImage.NAME)
          .withName(name)
          .withCmd(PauseImage.PROGRAM)
          .withLabels(labels)
          .withHostConfig(HostConfig.newHostConfig().withPrivileged(false))
          .exec()
          .getId();
    } catch (ConflictException madeMeanwhile) {
      return docker.inspectContainerCmd(name).exec().getId();
    }
  }

  private void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // started meanwhile
    }
  }

  private void remove(String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException | ConflictException goneOrGoing) {
      // removed already, or being removed
    }
  }

  /** Pool containers a crashed worker of this host id left behind. */
  private void removeStalePool() {
    for (Container stale :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(LABEL_ROLE, ROLE, LABEL_POOL_HOST, hostId))
            .exec()) {
      String name = stale.getNames()[0].replaceFirst("^/", "");
      if (name.startsWith("fastci-pool-")) {
        remove(name); // by name: one claimed meanwhile has another name now, and stays
      }
    }
  }

  /** Removes the warm pool; the holders of runs still going stay, for a restarted worker. */
  @Override
  public void close() {
    closed = true;
    refill.shutdown();
    try {
      refill.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String pooled;
    while ((pooled = warm.poll()) != null) {
      remove(pooled);
    }
  }
}
