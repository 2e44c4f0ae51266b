package dev.fastci.client;

import dev.fastci.contract.Failures;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import dev.fastci.contract.RunIds;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.util.DaemonThreads;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts pipeline runs and hands back their live state and their end. Holds only the clients (see
 * {@link TemporalClients}: every call goes to the engine that serves now).
 */
public final class PipelineClient {
  private static final ScheduledExecutorService DEADLINES =
      DaemonThreads.scheduler("fastci-query-deadlines");

  private final TemporalClients clients;

  public PipelineClient(WorkflowClient client) {
    this(TemporalClients.of(client));
  }

  public PipelineClient(TemporalClients clients) {
    this.clients = clients;
  }

  /** Starts a run of the spec under a new run id. */
  public RunHandle start(PipelineSpec spec) {
    return start(RunIds.newId(), spec);
  }

  public RunHandle start(String runId, PipelineSpec spec) {
    return start(new PipelineRun(runId, spec, 1));
  }

  /** Starts an execution of a run and follows it to its end. */
  public RunHandle start(PipelineRun run) {
    return clients.starting(
        client -> {
          PipelineWorkflow workflow = newExecution(client, run.runId());
          CompletableFuture<PipelineState> result =
              WorkflowClient.execute(workflow::run, run)
                  .exceptionally(failure -> finalStateOfCancelled(workflow, failure));
          return new RunHandle(run.runId(), workflow, result);
        });
  }

  /**
   * Starts an execution of a run without waiting for its end (the server learns of it through the
   * run recorder). The run id may have closed executions before: a retry or a resume.
   */
  public void begin(PipelineRun run) {
    clients.starting(client -> WorkflowClient.start(newExecution(client, run.runId())::run, run));
  }

  /**
   * Cancels the run's latest execution: running containers are killed, pending jobs never start.
   */
  public void cancel(String runId) {
    clients.using(
        client -> {
          client.newUntypedWorkflowStub(runId).cancel();
          return null;
        });
  }

  /** Cancels one job of the run's latest execution. */
  public void cancelJob(String runId, String job) {
    clients.using(
        client -> {
          client.newWorkflowStub(PipelineWorkflow.class, runId).cancelJob(job);
          return null;
        });
  }

  /**
   * The live state of the run's latest execution, asked for at most {@code max}: the worker that
   * holds the workflow may be gone (its host lost) until Temporal hands the workflow to another.
   *
   * @throws io.temporal.client.WorkflowException when no execution answers: none runs, or none
   *     answered in time (then its cause is a DEADLINE_EXCEEDED)
   */
  public PipelineState liveState(String runId, Duration max) {
    Context.CancellableContext bounded =
        Context.current().withDeadlineAfter(max.toMillis(), TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return bounded.call(
          () ->
              clients.using(
                  client -> client.newWorkflowStub(PipelineWorkflow.class, runId).state()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      bounded.cancel(null);
    }
  }

  /**
   * How the latest execution of the run closed, or empty while it runs (or is about to: a start
   * request that Temporal has not answered yet is not seen here).
   */
  public Optional<ClosedExecution> closedExecution(String runId) {
    return clients.using(client -> closedExecution(client.newUntypedWorkflowStub(runId)));
  }

  private static Optional<ClosedExecution> closedExecution(WorkflowStub stub) {
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (WorkflowNotFoundException unknown) {
      return Optional.of(new ClosedExecution(ClosedExecution.How.UNKNOWN, null));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.of(new ClosedExecution(ClosedExecution.How.UNKNOWN, null));
      }
      throw e;
    }
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
          Optional.of(
              new ClosedExecution(
                  ClosedExecution.How.COMPLETED, null, stub.getResult(PipelineState.class)));
      case WORKFLOW_EXECUTION_STATUS_CANCELED ->
          Optional.of(new ClosedExecution(ClosedExecution.How.CANCELLED, null));
      case WORKFLOW_EXECUTION_STATUS_FAILED ->
          Optional.of(new ClosedExecution(ClosedExecution.How.FAILED, failureOf(stub)));
      case WORKFLOW_EXECUTION_STATUS_TERMINATED ->
          Optional.of(new ClosedExecution(ClosedExecution.How.TERMINATED, failureOf(stub)));
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
          Optional.of(new ClosedExecution(ClosedExecution.How.TIMED_OUT, null));
      default -> Optional.empty();
    };
  }

  /** The message of the failure a closed execution ended with. */
  private static String failureOf(WorkflowStub closed) {
    try {
      closed.getResult(5, TimeUnit.SECONDS, PipelineState.class);
      return null;
    } catch (WorkflowFailedException failed) {
      return Failures.rootMessage(failed.getCause());
    } catch (TimeoutException notClosedAfterAll) {
      return null;
    }
  }

  /**
   * The latest execution of an existing run, for its query, signals and cancel, on the engine that
   * serves now (a stub kept across a switch of the embedded engine goes nowhere).
   */
  public PipelineWorkflow workflow(String runId) {
    return clients.using(client -> client.newWorkflowStub(PipelineWorkflow.class, runId));
  }

  private static PipelineWorkflow newExecution(WorkflowClient client, String runId) {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(runId)
            .setTaskQueue(TaskQueues.PIPELINES)
            .build());
  }

  /**
   * A cancelled workflow closes as cancelled in Temporal, so its return value does not reach the
   * client; its final state (every container already gone) is still there to query.
   */
  private static PipelineState finalStateOfCancelled(PipelineWorkflow workflow, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof WorkflowFailedException failed
        && failed.getCause() instanceof CanceledFailure) {
      return workflow.state();
    }
    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
  }
}
