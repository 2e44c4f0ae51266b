package dev.fastci.server.forge.status;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Served by the server on {@code fastci-statuses}: it has the tokens and the store. */
@ActivityInterface
public interface StatusActivities {

  /**
   * Sends the run's state as it is in the store now, unless it is {@code last}; each report is a
   * run event. A failure the forge may recover from is retried.
   *
   * @param last what was sent before, or null
   * @return what the forge was told (or {@code last} when nothing changed)
   */
  @ActivityMethod
  SentStatus send(StatusTarget target, SentStatus last);

  /**
   * Records that a report could not be made (the run event says why).
   *
   * @return whether the run has ended: nothing more will change
   */
  @ActivityMethod
  boolean gaveUp(StatusTarget target, String reason);
}
