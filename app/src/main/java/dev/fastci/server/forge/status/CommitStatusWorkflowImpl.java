package dev.fastci.server.forge.status;

import dev.fastci.contract.Failures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link CommitStatusWorkflow}. Deterministic: only the activities touch the world. */
public class CommitStatusWorkflowImpl implements CommitStatusWorkflow {
  /** Refusals that another try cannot change: a bad token, an unknown repository or commit. */
  static final String REFUSED = "StatusRefused";

  /**
   * A forge that is down is tried again with growing pauses for an hour; each try waits at most 30
   * s (the HTTP call itself gives up after 10 s), so a hung forge cannot hold a report forever.
   */
  private final StatusActivities sending =
      Workflow.newActivityStub(
          StatusActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setScheduleToCloseTimeout(Duration.ofHours(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(2))
                      .setDoNotRetry(REFUSED)
                      .build())
              .build());

  /** Writing the event of a failed report only touches the store. */
  private final StatusActivities recording =
      Workflow.newActivityStub(
          StatusActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(10).build())
              .build());

  private boolean changed;

  @Override
  public void report(StatusTarget target) {
    SentStatus last = null;
    while (true) {
      Workflow.await(() -> changed);
      changed = false;
      boolean over;
      try {
        last = sending.send(target, last);
        over = last.done();
      } catch (ActivityFailure failure) {
        over = recording.gaveUp(target, Failures.rootMessage(failure));
      }
      if (over && !changed) {
        return;
      }
    }
  }

  @Override
  public void changed() {
    changed = true;
  }
}
