package dev.fastci.workflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.ScheduleActivities;
import dev.fastci.contract.ScheduleClock;
import dev.fastci.contract.ScheduleFire;
import dev.fastci.contract.ScheduleWorkflow;
import dev.fastci.contract.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schedule workflow on Temporal's test environment with time skipping: days of a clock pass in
 * milliseconds, and the server's fire activity is a fake that records each due time.
 */
class ScheduleWorkflowTest {
  /** A Saturday; Europe moves its clocks forward in the night to Sunday, March 31. */
  private static final Instant START = Instant.parse("2030-03-30T00:00:00Z");

  private TestWorkflowEnvironment env;
  private final Fires fires = new Fires();

  /** The server's side: records each fire, and says GONE once the schedule is deleted. */
  static final class Fires implements ScheduleActivities {
    final List<Instant> due = new CopyOnWriteArrayList<>();
    volatile boolean deleted;

    @Override
    public ScheduleFire fire(String scheduleId, long dueAt) {
      if (deleted) {
        return ScheduleFire.gone();
      }
      due.add(Instant.ofEpochMilli(dueAt));
      return ScheduleFire.started("run-" + due.size());
    }
  }

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    var worker = env.newWorker(TaskQueues.SERVER);
    worker.registerWorkflowImplementationTypes(ScheduleWorkflowImpl.class);
    worker.registerActivitiesImplementations(fires);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ScheduleWorkflow start(ScheduleClock clock) {
    ScheduleWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ScheduleWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ScheduleClock.workflowId(clock.scheduleId()))
                    .setTaskQueue(TaskQueues.SERVER)
                    .build());
    WorkflowClient.start(workflow::run, clock);
    return workflow;
  }

  private static ScheduleClock clock(String cron, String zone, Instant since) {
    return new ScheduleClock("s1", cron, zone, false, since.toEpochMilli());
  }

  @Test
  void firesAtEachCronTimeInItsTimezoneAcrossAClockChange() {
    start(clock("0 3 * * *", "Europe/Berlin", START));

    env.sleep(Duration.ofDays(3).plusHours(2));

    assertThat(fires.due)
        .containsExactly(
            Instant.parse("2030-03-30T02:00:00Z"), // 03:00 CET
            Instant.parse("2030-03-31T01:00:00Z"), // 03:00 CEST, after the change
            Instant.parse("2030-04-01T01:00:00Z"),
            Instant.parse("2030-04-02T01:00:00Z"));
  }

  @Test
  void firesMissedWhileNothingRanFireOnceAtOnceNotOncePerMissedTime() {
    // the server was down for five hours: the hourly fires since 19:00 yesterday are due
    start(clock("0 * * * *", "UTC", START.minus(Duration.ofHours(5))));

    env.sleep(Duration.ofMinutes(59));

    assertThat(fires.due).containsExactly(Instant.parse("2030-03-29T20:00:00Z"));
    env.sleep(Duration.ofMinutes(2));
    assertThat(fires.due).hasSize(2).last().isEqualTo(Instant.parse("2030-03-30T01:00:00Z"));
  }

  @Test
  void aPausedScheduleFiresNothingAndDoesNotMakeUpForThePauseWhenResumed() {
    ScheduleClock clock = clock("*/10 * * * *", "UTC", START);
    ScheduleWorkflow workflow = start(clock);
    env.sleep(Duration.ofMinutes(15)); // fires at 00:10
    workflow.define(new ScheduleClock("s1", clock.cron(), "UTC", true, clock.since()));

    env.sleep(Duration.ofHours(2));
    assertThat(fires.due).containsExactly(Instant.parse("2030-03-30T00:10:00Z"));
    workflow.define(clock); // resumed at 02:15
    env.sleep(Duration.ofMinutes(10));

    assertThat(fires.due)
        .containsExactly(
            Instant.parse("2030-03-30T00:10:00Z"), Instant.parse("2030-03-30T02:20:00Z"));
  }

  @Test
  void aNewCronTakesEffectWithoutAFireOfItsOwn() {
    ScheduleWorkflow workflow = start(clock("0 0 * * *", "UTC", START));
    env.sleep(Duration.ofMinutes(30));

    workflow.define(clock("15 * * * *", "UTC", START));
    env.sleep(Duration.ofMinutes(50));

    assertThat(fires.due).containsExactly(Instant.parse("2030-03-30T01:15:00Z"));
  }

  @Test
  void aDeletedScheduleEndsItsWorkflowAtItsNextFire() {
    start(clock("* * * * *", "UTC", START));
    env.sleep(Duration.ofSeconds(210)); // fires at 00:01, 00:02, 00:03, none at the sleep's end
    fires.deleted = true;

    env.sleep(Duration.ofMinutes(2));

    assertThat(fires.due).hasSize(3);
    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void itContinuesAsNewToKeepItsHistoryBoundedAndKeepsFiring() {
    start(clock("* * * * *", "UTC", START));

    env.sleep(
        Duration.ofMinutes(ScheduleWorkflowImpl.FIRES_PER_EXECUTION * 2L + 5).plusSeconds(30));

    assertThat(fires.due).hasSize(ScheduleWorkflowImpl.FIRES_PER_EXECUTION * 2 + 5);
    assertThat(fires.due).doesNotHaveDuplicates();
    assertThat(status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    long events =
        env.getWorkflowClient()
            .fetchHistory(ScheduleClock.workflowId("s1"))
            .getHistory()
            .getEventsCount();
    assertThat(events).as("events of the current execution").isLessThan(100);
  }

  private WorkflowExecutionStatus status() {
    WorkflowStub stub =
        env.getWorkflowClient().newUntypedWorkflowStub(ScheduleClock.workflowId("s1"));
    return stub.describe().getStatus();
  }
}
