package dev.fastci.workflow.schedule;

import dev.fastci.contract.ScheduleActivities;
import dev.fastci.contract.ScheduleClock;
import dev.fastci.contract.ScheduleFire;
import dev.fastci.contract.ScheduleWorkflow;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.Cron;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A schedule's clock: a durable timer until the next cron time, then one fire, over and over. It
 * keeps its history bounded by continuing as new after {@link #FIRES_PER_EXECUTION} fires.
 */
public final class ScheduleWorkflowImpl implements ScheduleWorkflow {
  /** A fire is a few events; a few hundred keep a history far below Temporal's limits. */
  static final int FIRES_PER_EXECUTION = 100;

  /**
   * The server starts the run; while it is down the fire waits for it, however long, and happens
   * once it is back (retries with no limit).
   */
  private static final ActivityOptions SERVER =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVER)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private final ScheduleActivities server =
      Workflow.newActivityStub(ScheduleActivities.class, SERVER);
  private ScheduleClock clock;
  private boolean redefined;

  @Override
  public void run(ScheduleClock initial) {
    if (clock == null) { // a signal sent with the start may have come first
      clock = initial;
    }
    int fires = 0;
    while (fires < FIRES_PER_EXECUTION) {
      redefined = false;
      if (clock.paused()) {
        Workflow.await(() -> redefined);
        continue;
      }
      long due = nextAfter(clock);
      long now = Workflow.currentTimeMillis();
      if (due > now && Workflow.await(Duration.ofMillis(due - now), () -> redefined)) {
        continue; // the schedule changed while it slept
      }
      ScheduleFire fire = server.fire(clock.scheduleId(), due);
      if (fire.outcome() == ScheduleFire.Outcome.GONE) {
        return;
      }
      // the next fire is the first cron time after now: fires missed while the server was
      // down, which made this one late, are not fired once each
      clock = clock.withSince(Math.max(due, Workflow.currentTimeMillis()));
      fires++;
    }
    Workflow.continueAsNew(clock);
  }

  @Override
  public void define(ScheduleClock changed) {
    long now = Workflow.currentTimeMillis();
    clock = changed.withSince(Math.max(changed.since(), now));
    redefined = true;
  }

  /** The first time after the clock's {@code since} that its cron matches, in its timezone. */
  static long nextAfter(ScheduleClock clock) {
    ZoneId zone = ZoneId.of(clock.timezone());
    return Cron.parse(clock.cron())
        .next(Instant.ofEpochMilli(clock.since()).atZone(zone))
        .toInstant()
        .toEpochMilli();
  }
}
