package dev.fastci.server.notify;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Delivers each webhook in turn; a failed one (after its retries) does not stop the others. */
public class NotifyWorkflowImpl implements NotifyWorkflow {
  /** Attempts of one delivery: 2s, 4s, 8s, 16s between them. */
  static final int ATTEMPTS = 5;

  private final NotifyActivities deliveries =
      Workflow.newActivityStub(
          NotifyActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setBackoffCoefficient(2)
                      .setMaximumAttempts(ATTEMPTS)
                      .build())
              .build());

  private final NotifyActivities recording =
      Workflow.newActivityStub(
          NotifyActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  @Override
  public void tellAll(List<Delivery> all) {
    for (Delivery delivery : all) {
      String message;
      try {
        int status = deliveries.deliver(delivery);
        message = "notified " + delivery.webhook() + " (" + status + ")";
      } catch (ActivityFailure e) {
        message = "notification to " + delivery.webhook() + " failed: " + reason(e);
      }
      recording.recordOutcome(delivery.runId(), delivery.attempt(), message);
    }
  }

  private static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
