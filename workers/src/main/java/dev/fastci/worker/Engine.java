package dev.fastci.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.fastci.backend.Backend;
import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.docker.WarmPool;
import dev.fastci.client.HistoryArchive;
import dev.fastci.client.RunHistories;
import dev.fastci.client.TemporalClients;
import dev.fastci.host.PipelineDirRetention;
import dev.fastci.host.PipelineDirs;
import dev.fastci.util.DaemonThreads;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Temporal (embedded or external) plus, optionally, a worker in this process that runs jobs on its
 * backend (the local Docker engine, or the dummy). The command line and the server both start one.
 * The embedded Temporal lives in {@link Generations}: it may be replaced by a fresh one now and
 * then, so every call goes through {@link #clients()}.
 */
public final class Engine implements AutoCloseable {
  private static final Duration RETENTION_SWEEP_EVERY = Duration.ofMinutes(10);

  private final Scope metrics;
  private final Backend backend;
  private final HostIdLock hostId;
  private final Generations generations;
  private final HistoryArchive archive;
  private final PipelineDirRetention retention;

  private Engine(
      Scope metrics,
      Backend backend,
      HostIdLock hostId,
      Generations generations,
      HistoryArchive archive,
      PipelineDirRetention retention) {
    this.metrics = metrics;
    this.backend = backend;
    this.hostId = hostId;
    this.generations = generations;
    this.archive = archive;
    this.retention = retention;
  }

  /**
   * Starts the engine.
   *
   * @param target the Temporal cluster (host:port), blank for the embedded one
   * @param withWorker whether this process also runs jobs
   */
  public static Engine start(String target, WorkerConfig config, boolean withWorker) {
    return start(EngineSettings.of(target, null, withWorker), config);
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
    return start(EngineSettings.of(target, embeddedPort, withWorker), config);
  }

  public static Engine start(EngineSettings settings, WorkerConfig config) {
    return start(settings, config, WarmPool.SERVING);
  }

  /**
   * Starts the engine of a process that runs one run with a worker of its own, then ends (the
   * command line's {@code run}): it keeps no network holder ready for runs after it. Close it with
   * {@link #closeAfterTheRuns()} once the run has ended.
   *
   * @param target the Temporal cluster (host:port), blank for the embedded one
   */
  public static Engine startForOneRun(String target, WorkerConfig config) {
    return start(EngineSettings.of(target, null, true), config, WarmPool.ONE_RUN);
  }

  private static Engine start(EngineSettings settings, WorkerConfig config, WarmPool pool) {
    // Fails before anything starts: a port with a target, a port out of range.
    TemporalConnection.check(settings.target(), settings.embeddedPort());
    HostIdLock hostId = null;
    CompletableFuture<Backend> starting = CompletableFuture.completedFuture(null);
    if (settings.withWorker()) {
      hostId = HostIdLock.acquire(config.hostId()); // before the backend sweeps its host's pool
      // Temporal, the backend and then the workers start side by side: all are mostly class
      // loading and a wait for an answer (the embedded server, the Docker engine), which two cores
      // overlap well. The workers' activities wait for the backend (StartingBackend); the engine is
      // up once it has started.
      starting =
          CompletableFuture.supplyAsync(
              () -> Backends.start(config, pool),
              work -> DaemonThreads.named("fastci-backend-start").newThread(work).start());
    }
    // Its reporter thread keeps the JVM alive: made only once nothing before can fail.
    Scope metrics = metricsScope(settings);
    HistoryArchive archive = settings.isEmbedded() ? new HistoryArchive(config.dataDir()) : null;
    Backend backend = null;
    Generations generations;
    try {
      TemporalConnection first;
      try {
        first = connect(settings, metrics);
      } catch (RuntimeException e) {
        starting.thenAccept(started -> closeIfAny(started));
        throw e;
      }
      StartingBackend working = settings.withWorker() ? new StartingBackend(starting) : null;
      try {
        generations =
            new Generations(
                number -> number == 1 ? first : connect(settings, metrics),
                config,
                working,
                settings.isEmbedded() ? settings.recycleAfter() : 0,
                archive);
      } catch (RuntimeException e) {
        first.close();
        starting.thenAccept(started -> closeIfAny(started));
        throw e;
      }
      try {
        backend = working == null ? null : working.started();
      } catch (RuntimeException e) {
        generations.closeNow(); // its workers wait for no backend
        throw e;
      }
    } catch (RuntimeException e) {
      closeIfAny(backend);
      if (hostId != null) {
        hostId.close();
      }
      close(metrics);
      throw e;
    }
    PipelineDirRetention retention =
        backend == null
            ? null
            : new PipelineDirRetention(
                    new PipelineDirs(config.dataDir()),
                    config.pipelineDirRetention(),
                    config.pipelineDirMaxBytes())
                .start(RETENTION_SWEEP_EVERY);
    return new Engine(metrics, backend, hostId, generations, archive, retention);
  }

  private static void closeIfAny(Backend backend) {
    if (backend != null) {
      backend.close();
    }
  }

  private static Scope metricsScope(EngineSettings settings) {
    if (settings.metrics() == null) {
      return new NoopScope();
    }
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(settings.metrics()))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
  }

  private static void close(Scope metrics) {
    try {
      metrics.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      throw new IllegalStateException("the Temporal SDK's metrics scope did not close", e);
    }
  }

  private static TemporalConnection connect(EngineSettings settings, Scope metrics) {
    return TemporalConnection.open(settings.target(), settings.embeddedPort(), metrics);
  }

  /** The client of the engine that serves now; keep {@link #clients()} for anything long-lived. */
  public WorkflowClient client() {
    return generations.client();
  }

  /** Every call about runs goes through these: they follow the embedded engine's generations. */
  public TemporalClients clients() {
    return generations;
  }

  /** The executions and event histories of runs, also of embedded engines already closed. */
  public RunHistories histories() {
    return new RunHistories(generations, archive);
  }

  /** Serves a task queue with these activities (the server's recorder), in every generation. */
  public void serve(String taskQueue, Object... activities) {
    serve(taskQueue, List.of(), List.of(activities));
  }

  /**
   * Serves a task queue with these workflows and activities (the server's own features), in every
   * generation. A bug in one of the workflows fails its execution instead of retrying its task.
   */
  public void serve(String taskQueue, List<Class<?>> workflowTypes, List<Object> activities) {
    generations.serve(taskQueue, new Served(workflowTypes, activities));
  }

  /** Called after each switch to a fresh embedded Temporal, with the runs that must go on there. */
  public void onRecycle(Consumer<Recycle> listener) {
    generations.onRecycle(listener);
  }

  /** Replaces the embedded Temporal by a fresh one now (the server does it by itself). */
  public Recycle recycle() {
    return generations.recycle();
  }

  /** The generation of the embedded Temporal that serves now, from 1. */
  public int generation() {
    return generations.generation();
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
    return generations.isEmbedded();
  }

  /**
   * Closes at once, for a process whose runs have all ended and which exits next (the command
   * line's {@code run}, after its summary): what outlives the process is removed (the backend's
   * network holders) and the host id is given up, while the workers and the embedded Temporal,
   * which hold nothing outside the process's memory, stop on a daemon thread without being waited
   * for. No history is archived.
   */
  public void closeAfterTheRuns() {
    if (retention != null) {
      retention.close();
    }
    DaemonThreads.named("fastci-engine-close").newThread(generations::closeNow).start();
    try {
      if (backend != null) {
        backend.close();
      }
    } finally {
      if (hostId != null) {
        hostId.close();
      }
      close(metrics);
    }
  }

  @Override
  public void close() {
    if (retention != null) {
      retention.close();
    }
    generations.close();
    if (backend != null) {
      backend.close(); // after the worker: no job uses it any more
      hostId.close();
    }
    close(metrics);
  }
}
