package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.backend.docker.DockerBackend;
import dev.fastci.backend.dummy.DummyBackend;

/** Starts the backend a worker's settings name. */
final class Backends {
  /** Run network holders kept started ahead: a run's first job takes one, without waiting. */
  static final int RUN_NETWORK_POOL_SIZE = 2;

  private Backends() {}

  static Backend start(WorkerConfig config) {
    return switch (config.backend()) {
      case DOCKER ->
          DockerBackend.start(
              config.hostId(), config.store(), RUN_NETWORK_POOL_SIZE, config.dataDir());
      case DUMMY -> new DummyBackend(config.hostId());
    };
  }
}
