package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job containers on a Docker engine: create or find, start, kill, remove, and the sweep. */
final class DockerJobContainers {
  private static final Logger log = LoggerFactory.getLogger(DockerJobContainers.class);
  private final DockerContainers containers;
  private final DockerImages images;
  private final PlatformSupport platforms;

  DockerJobContainers(DockerContainers containers, DockerImages images, PlatformSupport platforms) {
    this.containers = containers;
    this.images = images;
    this.platforms = platforms;
  }

  JobContainer createOrFind(ContainerSpec spec) {
    if (spec.platform() != null) {
      platforms.check(spec.platform());
    }
    try {
      return create(spec);
    } catch (NotFoundException imageMissing) {
      // Creating first saves an image lookup on every job; only a missing image costs a pull.
      images.ensureImage(spec.image(), spec.platform());
      try {
        return create(spec);
      } catch (NotFoundException stillMissing) {
        throw new JobStartException(
            "could not create the container: " + DockerImages.reason(stillMissing), stillMissing);
      }
    }
  }

  private JobContainer create(ContainerSpec spec) {
    try {
      return containers.createOrFind(createCmd(spec));
    } catch (NotFoundException imageMissing) {
      throw imageMissing;
    } catch (DockerException e) {
      throw new JobStartException("could not create the container: " + DockerImages.reason(e), e);
    }
  }

  private CreateContainerCmd createCmd(ContainerSpec spec) {
    CreateContainerCmd create = containers.docker().createContainerCmd(spec.image());
    if (!spec.command().isEmpty()) { // empty: the image's own command (a service's default)
      create.withCmd(spec.command());
    }
    if (spec.workingDir() != null) { // null: the image's own (a service's)
      create.withWorkingDir(spec.workingDir());
    }
    return create
        .withName(spec.name())
        .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withLabels(spec.labels())
        .withPlatform(spec.platform())
        .withHostConfig(
            HostConfig.newHostConfig()
                .withPrivileged(false) // never: a privileged job owns the host
                .withBinds(spec.binds().stream().map(Bind::parse).toList())
                // null: no limit; swap = memory: the job cannot swap past its limit
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes())
                .withNanoCPUs(spec.nanoCpus())
                .withNetworkMode(spec.networkMode()));
  }

  void start(JobContainer container) {
    if (container.alreadyStarted()) {
      return;
    }
    try {
      containers.start(container.id());
    } catch (DockerException e) {
      if (!startedItsNetworkHolder(container, e)) {
        throw new JobStartException("could not start the container: " + DockerImages.reason(e), e);
      }
      try {
        containers.start(container.id());
      } catch (DockerException again) {
        throw new JobStartException(
            "could not start the container: " + DockerImages.reason(again), again);
      }
    }
  }

  /**
   * After a restart of the Docker engine the run's network holder is stopped (it is not restarted
   * with the engine): a job joining its namespace fails to start. Starts the holder again; true
   * when that was the trouble.
   */
  private boolean startedItsNetworkHolder(JobContainer container, DockerException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (!message.contains("cannot join network of a non running container")) {
      return false;
    }
    String mode =
        containers
            .docker()
            .inspectContainerCmd(container.id())
            .exec()
            .getHostConfig()
            .getNetworkMode();
    if (mode == null || !mode.startsWith("container:")) {
      return false;
    }
    String holder = mode.substring("container:".length());
    log.info(
        "the network holder {} had stopped (the engine restarted?): starting it again", holder);
    containers.start(holder);
    return true;
  }

  void kill(JobContainer container) {
    try {
      containers.docker().killContainerCmd(container.id()).exec();
    } catch (NotFoundException | ConflictException notRunning) {
      // already ended or gone: nothing to kill
    }
  }

  void remove(JobContainer container) {
    containers.remove(container.id(), true);
  }

  /** Removes every container that carries all of these labels, running or not. */
  int removeLabelled(Map<String, String> labels) {
    DockerClient docker = containers.docker();
    List<Container> found =
        docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    for (Container container : found) {
      containers.remove(container.getId(), true);
    }
    return found.size();
  }
}
