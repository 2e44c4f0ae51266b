package dev.fastci.client;

import dev.fastci.contract.ScheduleClock;
import dev.fastci.contract.ScheduleWorkflow;
import dev.fastci.contract.TaskQueues;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;

/**
 * Starts, changes and stops the workflows of schedules (one per schedule). Holds only clients,
 * which follow the embedded engine's generations.
 */
public final class ScheduleClient {
  private final TemporalClients clients;

  public ScheduleClient(WorkflowClient client) {
    this(TemporalClients.of(client));
  }

  public ScheduleClient(TemporalClients clients) {
    this.clients = clients;
  }

  /**
   * Gives the schedule's workflow this clock, starting the workflow when none runs: it fires at the
   * clock's times after now.
   */
  public void define(ScheduleClock clock) {
    clients.starting(
        client -> {
          ScheduleWorkflow workflow = newExecution(client, clock.scheduleId());
          BatchRequest request = client.newSignalWithStartRequest();
          request.add(workflow::run, clock);
          request.add(workflow::define, clock);
          return client.signalWithStart(request);
        });
  }

  /**
   * Starts the schedule's workflow unless it runs (a cluster kept it). Fires due after the clock's
   * {@code since} that are already past (the server was down) fire once, at once.
   *
   * @return false when it was running already
   */
  public boolean ensureRunning(ScheduleClock clock) {
    try {
      clients.starting(
          client -> WorkflowClient.start(newExecution(client, clock.scheduleId())::run, clock));
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /** Cancels the schedule's workflow; nothing happens when none runs. */
  public void stop(String scheduleId) {
    try {
      clients.using(
          client -> {
            client.newUntypedWorkflowStub(ScheduleClock.workflowId(scheduleId)).cancel();
            return null;
          });
    } catch (WorkflowNotFoundException gone) {
      // deleted before its workflow ran, or the workflow ended already
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
    }
  }

  private static ScheduleWorkflow newExecution(WorkflowClient client, String scheduleId) {
    return client.newWorkflowStub(
        ScheduleWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ScheduleClock.workflowId(scheduleId))
            .setTaskQueue(TaskQueues.SERVER)
            .build());
  }
}
