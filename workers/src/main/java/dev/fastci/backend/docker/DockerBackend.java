package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.EngineUnavailableException;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.backend.Labels;
import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.RunScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Backend} on a Docker engine, through docker-java (zerodep transport). It has two
 * clients: the streaming one (log follows, waits, pulls) has no response timeout, since those last
 * as long as their job; every other call gives up after {@link DockerClients#CALL_TIMEOUT}.
 */
public final class DockerBackend implements Backend {
  private final DockerClient streaming;
  private final DockerClient calls;
  private final boolean ownsClients;
  private final String hostId;
  private final DockerJobContainers jobs;
  private final DockerStreams streams;
  private final DockerImages images;
  private final DockerRunNetworks networks;
  private final DockerProbes probes;
  private final RunHostsFiles hostsFiles;

  private DockerBackend(
      DockerClient streaming,
      DockerClient calls,
      boolean ownsClients,
      String hostId,
      DockerRunNetworks networks,
      PlatformSupport platforms,
      Path dataDir) {
    this.streaming = streaming;
    this.calls = calls;
    this.ownsClients = ownsClients;
    this.hostId = hostId;
    this.images = new DockerImages(calls, streaming);
    this.jobs = new DockerJobContainers(new DockerContainers(calls), images, platforms);
    this.streams = new DockerStreams(streaming, calls);
    this.networks = networks;
    this.probes = new DockerProbes(streaming, calls);
    this.hostsFiles = dataDir == null ? null : new RunHostsFiles(dataDir.resolve("hosts"), calls);
  }

  /**
   * The backend of a worker on the engine of DOCKER_HOST (or the local socket), with run networks
   * and their warm pool when the engine can run the pause image.
   *
   * @param store the {@code dev.fastci.store} label of the worker's containers, or null
   * @param pool the run network holders kept started ahead
   * @param dataDir the worker's data dir: the hosts files of containers that reach services by name
   *     are written under it
   * @throws EngineUnavailableException when no engine answers there
   */
  public static DockerBackend start(String hostId, String store, WarmPool pool, Path dataDir) {
    DockerClient streaming = DockerClients.streaming();
    DockerClient calls = DockerClients.calls(DockerClients.CALL_TIMEOUT);
    try {
      DockerClients.ping(calls);
      DockerRunNetworks networks =
          DockerRunNetworks.start(new DockerContainers(calls), hostId, store, pool);
      return new DockerBackend(
          streaming, calls, true, hostId, networks, PlatformSupport.ofThisHost(), dataDir);
    } catch (RuntimeException e) {
      close(streaming);
      close(calls);
      throw e;
    }
  }

  /**
   * A backend on these clients, which stay the caller's, without run networks: every job container
   * gets a network namespace of its own, and services cannot run.
   */
  public static DockerBackend perJob(DockerClient streaming, DockerClient calls, String hostId) {
    return perJob(streaming, calls, hostId, PlatformSupport.ofThisHost());
  }

  static DockerBackend perJob(
      DockerClient streaming, DockerClient calls, String hostId, PlatformSupport platforms) {
    return new DockerBackend(streaming, calls, false, hostId, null, platforms, null);
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public RunScope setUpRun(String runId) {
    if (networks == null) {
      return new RunScope(runId, null);
    }
    try {
      return new RunScope(runId, networks.join(runId));
    } catch (DockerException e) {
      throw new JobStartException("could not make the run's network: " + e.getMessage(), e);
    }
  }

  @Override
  public JobContainer createOrFind(RunScope run, ContainerSpec spec) {
    ContainerSpec inRun = spec.inNetwork(run.networkMode());
    if (run.networkMode() == null && (spec.isService() || !spec.hostAliases().isEmpty())) {
      throw new JobStartException(
          "services need the run's shared network, which this engine does not have (it is not"
              + " x86-64, or the worker runs each job in a network of its own)",
          null);
    }
    if (!spec.hostAliases().isEmpty()) {
      inRun = hostsFiles.mounted(run.runId(), inRun);
    }
    return jobs.createOrFind(inRun);
  }

  @Override
  public void start(JobContainer container) {
    jobs.start(container);
  }

  @Override
  public CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    return streams.followLogs(container, sink);
  }

  @Override
  public CompletableFuture<ContainerExit> awaitExit(JobContainer container) {
    return streams.awaitExit(container);
  }

  @Override
  public void kill(JobContainer container) {
    jobs.kill(container);
  }

  @Override
  public Optional<InputStream> copyOut(JobContainer container, String path) {
    return Optional.of(streaming.copyArchiveFromContainerCmd(container.id(), path).exec());
  }

  @Override
  public void remove(JobContainer container) {
    jobs.remove(container);
  }

  @Override
  public Integer exec(JobContainer container, List<String> command, Duration timeout) {
    return probes.exec(container, command, timeout);
  }

  @Override
  public ContainerStatus status(JobContainer container) {
    return probes.status(container);
  }

  @Override
  public boolean acceptsTcp(JobContainer container, int port, Duration timeout) {
    return probes.acceptsTcp(container, port, timeout);
  }

  @Override
  public int tearDownRun(String runId) {
    int removed = jobs.removeLabelled(Map.of(Labels.RUN, runId, Labels.HOST, hostId));
    if (networks != null) {
      networks.leave(runId);
    }
    if (hostsFiles != null) {
      hostsFiles.remove(runId);
    }
    return removed;
  }

  @Override
  public String imageId(String image, String platform) {
    return images.imageId(image, platform);
  }

  @Override
  public int warmPoolSize() {
    return networks == null ? 0 : networks.warmCount();
  }

  @Override
  public ManagedContainers managedContainers() {
    return new DockerManagedContainers(calls);
  }

  @Override
  public void close() {
    if (networks != null) {
      networks.close();
    }
    if (ownsClients) {
      close(streaming);
      close(calls);
    }
  }

  private static void close(DockerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
