package dev.fastci.backend.dummy;

import dev.fastci.backend.Labels;
import dev.fastci.backend.ManagedContainers;
import java.util.List;

/** The janitor's view of the dummy backend: its containers not removed yet. */
final class DummyManagedContainers implements ManagedContainers {
  private final DummyBackend backend;

  DummyManagedContainers(DummyBackend backend) {
    this.backend = backend;
  }

  @Override
  public List<ManagedContainer> list() {
    return backend.listed().stream()
        .map(
            c ->
                new ManagedContainer(
                    c.id, c.name(), c.label(Labels.RUN), c.label(Labels.STORE), c.engineState()))
        .toList();
  }

  @Override
  public void remove(String containerId) {
    backend.removeById(containerId);
  }
}
