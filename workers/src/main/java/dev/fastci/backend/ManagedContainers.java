package dev.fastci.backend;

import java.util.List;

/** A server janitor's view of a backend: FastCI's containers, and removing one. */
public interface ManagedContainers {

  /** Every container labelled {@code dev.fastci.managed=true}, in any state, of any store. */
  List<ManagedContainer> list();

  /** Kills and removes the container; a container that is already gone is fine. */
  void remove(String containerId);

  /**
   * One FastCI container.
   *
   * @param runId its {@code dev.fastci.run} label, or null
   * @param store its {@code dev.fastci.store} label (the data dir of the server whose run it is),
   *     or null when no store owns it (the command line's runs)
   * @param state Docker's state, like "running" or "exited"
   */
  record ManagedContainer(String id, String name, String runId, String store, String state) {}
}
