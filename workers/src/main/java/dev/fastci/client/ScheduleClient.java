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

/** Starts, changes and stops the workflows of schedules (one per schedule). Holds only a client. */
public final class ScheduleClient {
  private final WorkflowClient client;

  public ScheduleClient(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Gives the schedule's workflow this clock, starting the workflow when none runs: it fires at the
   * clock's times after now.
   */
  public void define(ScheduleClock clock) {
    ScheduleWorkflow workflow = newExecution(clock.scheduleId());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, clock);
    request.add(workflow::define, clock);
    client.signalWithStart(request);
  }

  /**
   * Starts the schedule's workflow unless it runs (a cluster kept it). Fires due after the clock's
   * {@code since} that are already past (the server was down) fire once, at once.
   *
   * @return false when it was running already
   */
  public boolean ensureRunning(ScheduleClock clock) {
    try {
      WorkflowClient.start(newExecution(clock.scheduleId())::run, clock);
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /** Cancels the schedule's workflow; nothing happens when none runs. */
  public void stop(String scheduleId) {
    try {
      client.newUntypedWorkflowStub(ScheduleClock.workflowId(scheduleId)).cancel();
    } catch (WorkflowNotFoundException gone) {
      // deleted before its workflow ran, or the workflow ended already
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
    }
  }

  private ScheduleWorkflow newExecution(String scheduleId) {
    return client.newWorkflowStub(
        ScheduleWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ScheduleClock.workflowId(scheduleId))
            .setTaskQueue(TaskQueues.SERVER)
            .build());
  }
}
