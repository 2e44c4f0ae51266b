package dev.fastci.contract;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One schedule's clock, a durable timer per fire: it sleeps until the next time its cron matches,
 * then asks the server to start the run ({@link ScheduleActivities}). A fire that fell due while
 * nothing ran (the server was down) fires once, at once, not once per missed time. It runs on
 * {@link TaskQueues#SERVER}, until the schedule is deleted (cancelled, or told by the server).
 */
@WorkflowInterface
public interface ScheduleWorkflow {

  @WorkflowMethod
  void run(ScheduleClock clock);

  /**
   * The schedule changed: a new cron or timezone, paused or resumed. It fires at the new times
   * after now; the times it was paused are not made up for.
   */
  @SignalMethod
  void define(ScheduleClock clock);
}
