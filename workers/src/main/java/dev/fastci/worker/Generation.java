package dev.fastci.worker;

import dev.fastci.backend.Backend;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Temporal service (an embedded test server, or the connection to a cluster) and the workers of
 * this process that serve it: the FastCI worker, and the queues a server serves (its recorder).
 */
final class Generation implements AutoCloseable {
  /** How long the jobs of a retired generation may take to let go of their containers. */
  static final Duration STOP_LIMIT = Duration.ofSeconds(30);

  private final int number;
  private final TemporalConnection temporal;
  private final FastciWorker worker;
  private final List<WorkerFactory> served = new ArrayList<>();

  private Generation(int number, TemporalConnection temporal, FastciWorker worker) {
    this.number = number;
    this.temporal = temporal;
    this.worker = worker;
  }

  /**
   * Starts the workers on {@code temporal}: a FastCI worker on {@code backend} (none when it is
   * null), and one worker per served queue.
   */
  static Generation start(
      int number,
      TemporalConnection temporal,
      WorkerConfig config,
      Backend backend,
      Map<String, Served> served) {
    FastciWorker worker = null;
    Generation generation = null;
    try {
      if (backend != null) {
        worker = new FastciWorker(temporal.client(), config, backend).start();
      }
      generation = new Generation(number, temporal, worker);
      for (Map.Entry<String, Served> queue : served.entrySet()) {
        generation.serve(queue.getKey(), queue.getValue());
      }
      return generation;
    } catch (RuntimeException e) {
      if (generation != null) {
        generation.close();
      } else {
        if (worker != null) {
          worker.close();
        }
        temporal.close();
      }
      throw e;
    }
  }

  /** Serves one more task queue with these workflows and activities. */
  void serve(String taskQueue, Served what) {
    WorkerFactory factory = WorkerFactory.newInstance(temporal.client());
    Worker worker = factory.newWorker(taskQueue);
    for (Class<?> type : what.workflowTypes()) {
      // a bug fails the execution instead of retrying its task forever
      worker.registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder()
              .setFailWorkflowExceptionTypes(RuntimeException.class)
              .build(),
          type);
    }
    worker.registerActivitiesImplementations(what.activities().toArray());
    factory.start();
    served.add(factory);
  }

  int number() {
    return number;
  }

  WorkflowClient client() {
    return temporal.client();
  }

  boolean isEmbedded() {
    return temporal.isEmbedded();
  }

  /** The ids of the runs whose executions are still open here. */
  List<String> openRunIds() {
    return client()
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(TemporalConnection.NAMESPACE)
                .setMaximumPageSize(100_000)
                .build())
        .getExecutionsList()
        .stream()
        .map(execution -> execution.getExecution().getWorkflowId())
        .distinct()
        .toList();
  }

  /**
   * Stops this process's workers at once: running jobs let go of their containers, which stay for
   * the next execution of their run to re-attach to.
   *
   * @return false when some job had not let go within {@link #STOP_LIMIT}
   */
  boolean stopWorkers() {
    return stopWorkers(STOP_LIMIT);
  }

  /**
   * Like {@link #stopWorkers()}, waiting at most {@code limit} for each worker (zero: not at all,
   * for a process that exits with nothing left to run: the SDK's stop of its pollers takes about
   * half a second).
   */
  boolean stopWorkers(Duration limit) {
    boolean stopped = worker == null || worker.stopNow(limit);
    for (WorkerFactory factory : served) {
      factory.shutdownNow();
      factory.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
      stopped &= factory.isTerminated();
    }
    return stopped;
  }

  /** Closes Temporal only: call after {@link #stopWorkers()}. */
  void closeTemporal() {
    temporal.close();
  }

  /** A graceful stop of the workers: jobs get a few seconds to end. */
  void closeWorkers() {
    for (WorkerFactory factory : served) {
      factory.shutdown();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Override
  public void close() {
    closeWorkers();
    temporal.close();
  }
}
