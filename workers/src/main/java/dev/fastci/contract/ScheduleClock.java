package dev.fastci.contract;

/**
 * When a schedule fires: at each time its cron matches in its timezone after {@code since}, unless
 * it is paused. The spec it starts stays in the server's store, so a payload never carries it.
 *
 * @param scheduleId the schedule in the server's store
 * @param cron five fields or a macro ({@code @daily}), valid when the server took it
 * @param timezone a zone id such as {@code UTC} or {@code Europe/Berlin}
 * @param since epoch millis: the schedule fires at the cron times after this instant (its last
 *     fire, or when it was created, changed or resumed)
 */
public record ScheduleClock(
    String scheduleId, String cron, String timezone, boolean paused, long since) {

  public ScheduleClock withSince(long since) {
    return new ScheduleClock(scheduleId, cron, timezone, paused, since);
  }

  /** The id of the schedule's workflow; run ids never start with {@code schedule-}. */
  public static String workflowId(String scheduleId) {
    return "schedule-" + scheduleId;
  }
}
