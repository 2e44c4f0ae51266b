package dev.fastci.workflow;

import dev.fastci.backend.ContainerRemovals;
import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.contract.TaskQueues;
import dev.fastci.host.HostLivenessImpl;
import dev.fastci.host.PipelineDirActivitiesImpl;
import dev.fastci.job.JobActivitiesImpl;
import dev.fastci.logs.LogFiles;
import dev.fastci.secrets.SecretSource;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * A worker host that serves only its own queues (jobs, pipeline dirs, liveness) on the dummy
 * backend, and no workflow tasks: stopping it loses the host without losing a workflow that the
 * test server keeps on its sticky queue.
 */
final class LoneHost implements AutoCloseable {
  final DummyBackend backend;
  private final WorkerFactory factory;
  private final ContainerRemovals removals;

  LoneHost(WorkflowClient client, Path dataDir, String hostId) {
    this.backend = new DummyBackend(hostId);
    this.removals = new ContainerRemovals(backend);
    this.factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(TaskQueues.forHost(hostId))
        .registerActivitiesImplementations(
            new JobActivitiesImpl(backend, new LogFiles(dataDir), hostId)
                .signallingTriesWith(client),
            new PipelineDirActivitiesImpl(dataDir, removals, SecretSource.fromVariables(Map.of())));
    factory
        .newWorker(TaskQueues.livenessOf(hostId))
        .registerActivitiesImplementations(new HostLivenessImpl(hostId));
    factory.start();
  }

  /** The host is gone: it takes no task and answers no ping any more. */
  @Override
  public void close() {
    factory.shutdownNow();
    removals.close();
    backend.close();
  }
}
