package dev.fastci.server.janitor;

import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.ManagedContainers.ManagedContainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The janitor's rule for containers: one of this server's store whose run is not live goes.
 * Containers of another store ({@code dev.fastci.store} is another server's data dir) or of none
 * (the command line's runs, even when it shares the data dir) are never touched.
 */
final class OrphanContainers {
  private static final Logger log = LoggerFactory.getLogger(OrphanContainers.class);

  private final ManagedContainers containers;
  private final String store;

  /**
   * @param store this server's {@code dev.fastci.store} label value: only such containers go
   */
  OrphanContainers(ManagedContainers containers, String store) {
    this.containers = containers;
    this.store = store;
  }

  /**
   * What one pass removed.
   *
   * @param removed the names of the containers removed
   * @param runsWithContainers the runs that still have a container (one not removed, or one that
   *     could not be)
   */
  record Removal(List<String> removed, Set<String> runsWithContainers) {}

  /** Removes the orphans among the listed containers, given the runs that are live. */
  Removal remove(List<ManagedContainer> listed, Set<String> live) {
    List<String> removed = new ArrayList<>();
    Set<String> runsWithContainers = new HashSet<>();
    for (ManagedContainer container : listed) {
      if (isOrphan(container, live)) {
        try {
          containers.remove(container.id());
          removed.add(container.name());
          log.info(
              "janitor: removed container {} ({}) of run {}, which is not a live run of this"
                  + " server",
              container.name(),
              container.state(),
              container.runId());
          continue;
        } catch (RuntimeException e) {
          log.warn("janitor: could not remove container {}: {}", container.name(), e.toString());
        }
      }
      if (container.runId() != null) {
        runsWithContainers.add(container.runId());
      }
    }
    return new Removal(List.copyOf(removed), runsWithContainers);
  }

  private boolean isOrphan(ManagedContainer container, Set<String> live) {
    return store.equals(container.store())
        && container.runId() != null
        && !live.contains(container.runId());
  }
}
