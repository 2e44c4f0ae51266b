package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.backend.docker.DockerBackend;
import dev.fastci.backend.docker.WarmPool;
import dev.fastci.backend.dummy.DummyBackend;

/** Starts the backend a worker's settings name. */
final class Backends {
  private Backends() {}

  /**
   * @param pool the run network holders kept started ahead: a run's first job takes one, without
   *     waiting
   */
  static Backend start(WorkerConfig config, WarmPool pool) {
    return switch (config.backend()) {
      case DOCKER -> DockerBackend.start(config.hostId(), config.store(), pool, config.dataDir());
      case DUMMY -> new DummyBackend(config.hostId());
    };
  }
}
