package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.fastci.backend.Labels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network the jobs of one run share, like the containers of a Kubernetes pod: one namespace per
 * run, held by a started {@link PauseImage} container named {@code fastci-RUN-net} on Docker's
 * default bridge, which each job container joins with {@code --network container:fastci-RUN-net}.
 * Joining a namespace that exists is far cheaper than Docker making a new one (a veth pair, bridge
 * and iptables work) for every job; the holders themselves come from a {@link RunNetworkPool}.
 *
 * <p>Cleanup: the run's holder goes back into the pool, or is removed, when the run ends ({@link
 * #leave}). A server's janitor knows a holder's run by its name ({@link HolderNames}).
 */
final class DockerRunNetworks {
  private static final Logger log = LoggerFactory.getLogger(DockerRunNetworks.class);

  private final DockerContainers containers;
  private final DockerClient docker;
  private final RunNetworkPool pool;
  private final Map<String, RunHolder> holders = new ConcurrentHashMap<>();

  /** What this process knows of a run's holder: whether it is known to run. */
  private static final class RunHolder {
    boolean ready;
  }

  private DockerRunNetworks(DockerContainers containers, RunNetworkPool pool) {
    this.containers = containers;
    this.docker = containers.docker();
    this.pool = pool;
  }

  /**
   * The run networks of a worker, or null when the engine cannot run the pause image (an engine of
   * another architecture than x86-64): then each job gets a network namespace of its own.
   *
   * @param store the {@code dev.fastci.store} label of the worker's containers, or null
   */
  static DockerRunNetworks start(
      DockerContainers containers, String hostId, String store, WarmPool pool) {
    String architecture = containers.docker().infoCmd().exec().getArchitecture();
    if (!PauseImage.supports(architecture)) {
      log.info(
          "run networks: the engine runs {}, not x86-64: each job gets a network of its own",
          architecture);
      return null;
    }
    PauseImage.ensure(containers.docker());
    return new DockerRunNetworks(containers, RunNetworkPool.start(containers, hostId, store, pool));
  }

  /** The network mode of the run's containers, making the run's holder when it has none yet. */
  String join(String runId) {
    RunHolder holder = holders.computeIfAbsent(runId, id -> new RunHolder());
    synchronized (holder) {
      if (!holder.ready) { // once per run and worker process: later jobs go straight to Docker
        String name = HolderNames.of(runId);
        if (!ensureRunning(name) && !pool.claim(name)) {
          containers.start(pool.createHolder(name));
        }
        holder.ready = true;
      }
    }
    return "container:" + HolderNames.of(runId);
  }

  /**
   * Puts the run's holder back into the pool when the pool has room and no container of the run is
   * left in its namespace; removes it otherwise. A reused namespace is clean: the run's processes
   * are gone, and unprivileged jobs (no {@code NET_ADMIN}) cannot change its routes, addresses or
   * firewall.
   */
  void leave(String runId) {
    holders.remove(runId);
    String name = HolderNames.of(runId);
    if (pool.hasRoom() && runHasNoContainers(runId) && pool.takeBack(name)) {
      return;
    }
    containers.remove(name, false);
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
      containers.start(holder.getId());
    }
    return true;
  }

  int warmCount() {
    return pool.warmCount();
  }

  /** Removes the warm pool; the holders of runs still going stay, for a restarted worker. */
  void close() {
    pool.close();
  }
}
