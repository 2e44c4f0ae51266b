package dev.fastci.worker;

import com.github.dockerjava.api.DockerClient;
import dev.fastci.runner.DockerClients;
import dev.fastci.runner.DockerContainerRunner;
import io.temporal.client.WorkflowClient;
import java.io.IOException;

/**
 * Temporal (embedded or external) plus, optionally, a worker in this process that runs jobs on the
 * local Docker engine. The command line and the server both start one.
 */
public final class Engine implements AutoCloseable {
  private final TemporalConnection temporal;
  private final DockerClient docker;
  private final FastciWorker worker;

  private Engine(TemporalConnection temporal, DockerClient docker, FastciWorker worker) {
    this.temporal = temporal;
    this.docker = docker;
    this.worker = worker;
  }

  /**
   * Starts the engine.
   *
   * @param target the Temporal cluster (host:port), blank for the embedded one
   * @param withWorker whether this process also runs jobs
   */
  public static Engine start(String target, WorkerConfig config, boolean withWorker) {
    TemporalConnection temporal = TemporalConnection.open(target);
    if (!withWorker) {
      return new Engine(temporal, null, null);
    }
    DockerClient docker = DockerClients.fromEnvironment();
    FastciWorker worker =
        new FastciWorker(temporal.client(), config, new DockerContainerRunner(docker)).start();
    return new Engine(temporal, docker, worker);
  }

  public WorkflowClient client() {
    return temporal.client();
  }

  public boolean isEmbedded() {
    return temporal.isEmbedded();
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    temporal.close();
    if (docker != null) {
      try {
        docker.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
