package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.ManagedContainers;
import java.util.List;
import java.util.Map;

/** {@link ManagedContainers} on the real Docker engine, on the backend's client of calls. */
final class DockerManagedContainers implements ManagedContainers {
  private final DockerClient docker;

  DockerManagedContainers(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  public List<ManagedContainer> list() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.MANAGED, "true"))
        .exec()
        .stream()
        .map(DockerManagedContainers::managed)
        .toList();
  }

  private static ManagedContainer managed(Container container) {
    Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
    String[] names = container.getNames();
    String name =
        names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
    String runId = labels.get(Labels.RUN);
    return new ManagedContainer(
        container.getId(),
        name,
        runId != null ? runId : HolderNames.runOf(name),
        labels.get(Labels.STORE),
        container.getState());
  }

  @Override
  public void remove(String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException gone) {
      // removed meanwhile, by its job activity or by hand
    }
  }
}
