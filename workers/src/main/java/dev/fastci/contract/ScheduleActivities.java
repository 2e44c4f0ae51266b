package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Served by the FastCI server on {@link TaskQueues#SERVER}: starts the runs of schedules. */
@ActivityInterface
public interface ScheduleActivities {

  /**
   * Starts the run of the schedule's fire due at {@code dueAt} (epoch millis): once per due time,
   * so a retried call hands back the run it started before.
   */
  @ActivityMethod
  ScheduleFire fire(String scheduleId, long dueAt);
}
