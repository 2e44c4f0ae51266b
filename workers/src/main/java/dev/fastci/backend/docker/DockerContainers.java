package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.fastci.backend.JobContainer;

/**
 * The create, start and remove of containers with deterministic names, which another attempt or
 * process may have made, started or removed meanwhile: a name taken means the container is there,
 * started already and gone already are fine. Job containers and run network holders both use it.
 */
final class DockerContainers {
  private final DockerClient docker;

  /**
   * @param docker the client of calls (with a response timeout)
   */
  DockerContainers(DockerClient docker) {
    this.docker = docker;
  }

  DockerClient docker() {
    return docker;
  }

  /**
   * Creates the container, or finds the one of its name that exists already.
   *
   * @throws NotFoundException when the image is missing
   */
  JobContainer createOrFind(CreateContainerCmd create) {
    try {
      return new JobContainer(create.exec().getId(), create.getName(), false);
    } catch (ConflictException nameTaken) {
      InspectContainerResponse found = docker.inspectContainerCmd(create.getName()).exec();
      boolean started = !"created".equals(found.getState().getStatus());
      return new JobContainer(found.getId(), create.getName(), started);
    }
  }

  /** Starts the container (by id or name) unless it runs already. */
  void start(String container) {
    try {
      docker.startContainerCmd(container).exec();
    } catch (NotModifiedException alreadyRunning) {
      // another attempt or process started it meanwhile
    }
  }

  /**
   * Kills and removes the container (by id or name) if it exists.
   *
   * @param volumes also removes its anonymous volumes
   */
  void remove(String container, boolean volumes) {
    try {
      docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(volumes).exec();
    } catch (NotFoundException gone) {
      // removed already
    } catch (ConflictException removalInProgress) {
      // the engine is already removing it
    }
  }
}
