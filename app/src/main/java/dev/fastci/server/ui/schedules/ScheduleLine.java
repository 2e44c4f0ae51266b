package dev.fastci.server.ui.schedules;

import dev.fastci.server.schedules.ScheduleView;
import dev.fastci.server.ui.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One schedule on the Schedules page.
 *
 * @param source {@code API}, or the repository's file and branch that keep it
 * @param next its next fire in UTC and in its timezone, or {@code paused}
 * @param deletable a schedule made through the API or this page; a repository's goes with its entry
 */
record ScheduleLine(
    String id,
    String pipeline,
    String cron,
    String timezone,
    String branch,
    String source,
    boolean paused,
    String next,
    boolean deletable,
    List<FireLine> lastRuns) {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** One of its newest fires: the run and its status, or why no run started. */
  record FireLine(String due, String runId, String status, String statusClass, String error) {}

  static ScheduleLine of(ScheduleView view) {
    return new ScheduleLine(
        view.id(),
        view.pipeline(),
        view.cron(),
        view.timezone(),
        view.branch() == null ? "-" : view.branch(),
        view.repo() == null ? "API" : view.file() + " in " + view.repo(),
        view.paused(),
        next(view.nextFireAt(), view.timezone()),
        view.repo() == null,
        view.lastRuns().stream().map(ScheduleLine::fire).toList());
  }

  private static String next(Instant at, String timezone) {
    if (at == null) {
      return "paused";
    }
    String utc = Formats.time(at);
    return timezone.equals("UTC")
        ? utc
        : utc + " (" + LOCAL.format(at.atZone(ZoneId.of(timezone))) + " " + timezone + ")";
  }

  private static FireLine fire(ScheduleView.FireView fire) {
    String status = fire.runId() == null ? "NOT STARTED" : fire.status();
    return new FireLine(
        Formats.time(fire.dueAt()),
        fire.runId(),
        status == null ? "PENDING" : status,
        status == null ? "pending" : status.toLowerCase(Locale.ROOT).replace(' ', '-'),
        fire.error());
  }
}
