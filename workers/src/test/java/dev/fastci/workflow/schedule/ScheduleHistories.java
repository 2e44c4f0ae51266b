package dev.fastci.workflow.schedule;

import dev.fastci.contract.ScheduleClock;
import dev.fastci.contract.ScheduleWorkflow;
import dev.fastci.contract.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;

/**
 * Records a history of the schedule workflow for {@link ScheduleWorkflowReplayTest}, on the test
 * environment with time skipping (hours of a clock in milliseconds): a fire missed before it
 * started, fires on time, a pause, a resume, a new cron, and the end once the schedule is gone.
 * {@code RecordWorkflowHistories} calls it.
 */
public final class ScheduleHistories {
  /** The file it records, in the histories folder. */
  public static final String FILE = "schedule-missed-pause-resume-define-gone.json";

  private static final Instant START = Instant.parse("2030-03-30T00:05:00Z");

  private ScheduleHistories() {}

  /** The history as JSON, with the workflow completed. */
  public static String record() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    try {
      ScheduleWorkflowTest.Fires fires = new ScheduleWorkflowTest.Fires();
      var worker = env.newWorker(TaskQueues.SERVER);
      worker.registerWorkflowImplementationTypes(ScheduleWorkflowImpl.class);
      worker.registerActivitiesImplementations(fires);
      env.start();
      String workflowId = ScheduleClock.workflowId("recorded");
      ScheduleWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ScheduleWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(workflowId)
                      .setTaskQueue(TaskQueues.SERVER)
                      .build());
      ScheduleClock clock =
          new ScheduleClock(
              "recorded",
              "*/10 * * * *",
              "UTC",
              false,
              START.minus(Duration.ofHours(1)).toEpochMilli());
      WorkflowClient.start(workflow::run, clock); // 23:10 yesterday is due: it fires at once
      env.sleep(Duration.ofMinutes(20)); // fires at 00:10 and 00:20
      workflow.define(
          new ScheduleClock("recorded", clock.cron(), "UTC", true, START.toEpochMilli()));
      env.sleep(Duration.ofMinutes(30));
      workflow.define(
          new ScheduleClock("recorded", clock.cron(), "UTC", false, START.toEpochMilli()));
      env.sleep(Duration.ofMinutes(10)); // fires at 01:00
      workflow.define(
          new ScheduleClock("recorded", "30 * * * *", "UTC", false, START.toEpochMilli()));
      env.sleep(Duration.ofMinutes(30)); // fires at 01:30
      fires.deleted = true;
      env.sleep(Duration.ofHours(1)); // at 02:30 the server says it is gone: the workflow ends
      env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(Void.class);
      return env.getWorkflowClient().fetchHistory(workflowId).toJson(true);
    } finally {
      env.close();
    }
  }
}
