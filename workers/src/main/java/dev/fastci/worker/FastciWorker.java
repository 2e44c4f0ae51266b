package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerRemovals;
import dev.fastci.cache.CacheStore;
import dev.fastci.contract.TaskQueues;
import dev.fastci.host.HostActivitiesImpl;
import dev.fastci.host.HostLivenessImpl;
import dev.fastci.host.PipelineDirActivitiesImpl;
import dev.fastci.host.PipelineDirs;
import dev.fastci.job.JobActivitiesImpl;
import dev.fastci.logs.LogFiles;
import dev.fastci.logs.LogShipper;
import dev.fastci.service.ServiceActivitiesImpl;
import dev.fastci.workflow.PipelineWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A FastCI worker: serves the shared queue (pipeline workflows, host assignment), its own host
 * queue (jobs and pipeline dirs of the runs pinned to this host), its services queue (the services
 * of those runs, which live as long as their run and so take no job slot) and its liveness queue.
 */
public final class FastciWorker implements AutoCloseable {
  /**
   * The SDK sends heartbeats at most every 0.8 x heartbeat timeout (8 s for jobs) unless capped; a
   * cancel is only seen in a heartbeat's answer, so this cap bounds how long a cancel takes to
   * reach the container.
   */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofMillis(500);

  /**
   * Each record a run sends to the server's store holds a workflow thread until it arrives, and a
   * 1,000-job fan-out ends up to 1,000 jobs at once: past the SDK's default of 600 threads, its
   * workflow tasks are rejected and the run stalls (measured by ClusterLimitsIntegrationTest).
   */
  static final int WORKFLOW_THREADS = 3_000;

  /** At most this many services run (or wait to be ready) on one host at once. */
  static final int MAX_SERVICES = 200;

  private final WorkerFactory factory;
  private final ContainerRemovals removals;
  private final LogShipper shipper;
  private final ServiceActivitiesImpl services;

  /**
   * @param backend runs the job containers; it stays the caller's, who closes it after this
   */
  public FastciWorker(WorkflowClient client, WorkerConfig config, Backend backend) {
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder().setMaxWorkflowThreadCount(WORKFLOW_THREADS).build());
    this.removals = new ContainerRemovals(backend);
    this.shipper = config.logServer() == null ? null : new LogShipper(config.logServer());
    CacheStore caches = new CacheStore(config.dataDir());
    caches.evict(config.cacheLimits());
    caches.probeCopyOnWriteLater(new PipelineDirs(config.dataDir()).layersRoot());
    Worker shared = factory.newWorker(TaskQueues.PIPELINES);
    // A bug in the workflow's code fails the execution instead of retrying its task forever, so
    // the server sees a closed workflow and ends the run visibly (RunReconciler).
    shared.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(RuntimeException.class)
            .build(),
        PipelineWorkflowImpl.class);
    shared.registerActivitiesImplementations(new HostActivitiesImpl(config.hostId()));

    Worker host =
        factory.newWorker(
            TaskQueues.forHost(config.hostId()),
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(config.maxParallelJobs())
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build());
    host.registerActivitiesImplementations(
        new JobActivitiesImpl(
                backend,
                new LogFiles(config.dataDir()),
                config.hostId(),
                config.store(),
                config.jobLimits(),
                config.secrets(),
                removals,
                config.cacheLimits())
            .sendingLogsWith(shipper)
            .signallingTriesWith(client),
        new PipelineDirActivitiesImpl(
            config.dataDir(), removals, config.secrets(), config.pipelineDirMaxBytes()));
    this.services =
        new ServiceActivitiesImpl(
            backend,
            new LogFiles(config.dataDir()),
            config.hostId(),
            config.store(),
            config.jobLimits(),
            config.secrets(),
            shipper);
    factory
        .newWorker(
            TaskQueues.servicesOf(config.hostId()),
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(MAX_SERVICES)
                .setMaxConcurrentActivityTaskPollers(1)
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build())
        .registerActivitiesImplementations(services);
    factory
        .newWorker(TaskQueues.livenessOf(config.hostId()))
        .registerActivitiesImplementations(new HostLivenessImpl(config.hostId()));
  }

  public FastciWorker start() {
    factory.start();
    return this;
  }

  /**
   * Stops at once: running jobs are interrupted and leave their containers running, so the run's
   * next execution re-attaches to them.
   *
   * @return false when some activity had not stopped within {@code max}
   */
  public boolean stopNow(Duration max) {
    factory.shutdownNow();
    factory.awaitTermination(max.toMillis(), TimeUnit.MILLISECONDS);
    boolean stopped = factory.isTerminated();
    closeHelpers();
    return stopped;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    closeHelpers();
  }

  private void closeHelpers() {
    removals.close();
    services.close();
    if (shipper != null) {
      shipper.close();
    }
  }
}
