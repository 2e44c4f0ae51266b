package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ManagedContainers;
import dev.fastci.host.GitCredentials;
import dev.fastci.host.PipelineDirRetention;
import dev.fastci.host.PipelineDirs;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * Temporal (embedded or external) plus, optionally, a worker in this process that runs jobs on its
 * backend (the local Docker engine, or the dummy). The command line and the server both start one.
 */
public final class Engine implements AutoCloseable {
  private static final Duration RETENTION_SWEEP_EVERY = Duration.ofMinutes(10);

  private final TemporalConnection temporal;
  private final Backend backend;
  private final FastciWorker worker;
  private final PipelineDirRetention retention;

  private Engine(
      TemporalConnection temporal,
      Backend backend,
      FastciWorker worker,
      PipelineDirRetention retention) {
    this.temporal = temporal;
    this.backend = backend;
    this.worker = worker;
    this.retention = retention;
  }

  /**
   * Starts the engine.
   *
   * @param target the Temporal cluster (host:port), blank for the embedded one
   * @param withWorker whether this process also runs jobs
   */
  public static Engine start(String target, WorkerConfig config, boolean withWorker) {
    return start(target, null, config, withWorker);
  }

  /**
   * Starts the engine.
   *
   * @param target the Temporal cluster (host:port), blank for the embedded one
   * @param embeddedPort when not null, the embedded Temporal also listens on 127.0.0.1:port
   * @param withWorker whether this process also runs jobs
   */
  public static Engine start(
      String target, Integer embeddedPort, WorkerConfig config, boolean withWorker) {
    TemporalConnection temporal = TemporalConnection.open(target, embeddedPort);
    if (!withWorker) {
      return new Engine(temporal, null, null, null);
    }
    try {
      return withWorker(temporal, config);
    } catch (RuntimeException e) {
      temporal.close(); // its timer thread would keep the process alive
      throw e;
    }
  }

  private static Engine withWorker(TemporalConnection temporal, WorkerConfig config) {
    GitCredentials.install(System.getenv());
    Backend backend = Backends.start(config);
    FastciWorker worker;
    try {
      worker = new FastciWorker(temporal.client(), config, backend).start();
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    PipelineDirRetention retention =
        new PipelineDirRetention(new PipelineDirs(config.dataDir()), config.pipelineDirRetention())
            .start(RETENTION_SWEEP_EVERY);
    return new Engine(temporal, backend, worker, retention);
  }

  public WorkflowClient client() {
    return temporal.client();
  }

  /** The backend of this process's worker (tests drive a dummy one); null without a worker. */
  public Backend backend() {
    return backend;
  }

  /**
   * The containers of this process's worker, for a server's janitor; they share the worker's engine
   * client, which this engine closes.
   *
   * @throws IllegalStateException when this process runs no worker
   */
  public ManagedContainers managedContainers() {
    if (backend == null) {
      throw new IllegalStateException("this engine runs no worker");
    }
    return backend.managedContainers();
  }

  public boolean isEmbedded() {
    return temporal.isEmbedded();
  }

  @Override
  public void close() {
    if (retention != null) {
      retention.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (backend != null) {
      backend.close(); // after the worker: no job uses it any more
    }
    temporal.close();
  }
}
