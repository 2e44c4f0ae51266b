package dev.fastci.server.schedules;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A schedule as the API and the Schedules page show it.
 *
 * @param source {@code api}, or {@code repo} for the {@code on.schedule} of a repository's file
 * @param nextFireAt null while paused
 * @param lastRuns its newest fires, newest first
 */
public record ScheduleView(
    String id,
    String pipeline,
    String cron,
    String timezone,
    String branch,
    String source,
    String repo,
    String file,
    boolean paused,
    Instant nextFireAt,
    Instant createdAt,
    List<FireView> lastRuns) {

  /** The fires each schedule shows. */
  static final int LAST_RUNS = 5;

  /**
   * One fire.
   *
   * @param runId null when the server did not start the run ({@code error} says why)
   * @param status the run's status, or null
   */
  public record FireView(Instant dueAt, String runId, String status, String error) {}

  static ScheduleView of(Schedule s, List<ScheduleStore.Fire> fires, Instant now) {
    return new ScheduleView(
        s.id(),
        s.pipeline(),
        s.cron(),
        s.timezone(),
        s.branch(),
        s.source().name().toLowerCase(Locale.ROOT),
        s.repo(),
        s.file(),
        s.paused(),
        s.nextFire(now),
        s.createdAt(),
        fires.stream()
            .map(
                f ->
                    new FireView(
                        f.dueAt(),
                        f.runId(),
                        f.runStatus() == null ? null : f.runStatus().name(),
                        f.error()))
            .toList());
  }
}
