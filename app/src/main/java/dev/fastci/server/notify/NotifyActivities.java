package dev.fastci.server.notify;

import io.temporal.activity.ActivityInterface;

/** What the notification workflow does outside itself: posts, and records the outcome. */
@ActivityInterface
public interface NotifyActivities {
  /**
   * Posts the body to the webhook.
   *
   * @return the HTTP status (2xx); any other status or an I/O error fails the attempt
   */
  int deliver(Delivery delivery);

  /** Adds a run event (the outcome of a delivery). */
  void recordOutcome(String runId, int attempt, String message);
}
