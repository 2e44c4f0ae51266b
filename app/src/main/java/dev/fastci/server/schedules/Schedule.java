package dev.fastci.server.schedules;

import dev.fastci.contract.ScheduleClock;
import dev.fastci.spec.Cron;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A pipeline that runs on a clock, as the store keeps it.
 *
 * @param specJson the spec each fire submits (a repository's file pinned to the branch's newest
 *     pushed commit)
 * @param branch the run's branch (its {@code when.branch}); for a repository's schedule also the
 *     branch whose pushes keep it
 * @param repo, file, entry for a repository's schedule: the file and the index of its {@code
 *     on.schedule} entry; null for one made through the API
 * @param firesAfter it fires at the cron times after this instant
 */
public record Schedule(
    String id,
    String pipeline,
    String specJson,
    String cron,
    String timezone,
    String branch,
    Source source,
    String repo,
    String file,
    Integer entry,
    boolean paused,
    Instant firesAfter,
    Instant createdAt,
    Instant updatedAt) {

  /** Where a schedule comes from. */
  public enum Source {
    /** {@code POST /api/schedules} or the Schedules page. */
    API,
    /** The {@code on.schedule} of a pipeline file in a repository. */
    REPO
  }

  /** The same schedule with a new definition (a push changed its file). */
  Schedule redefined(
      String pipeline, String specJson, String cron, Instant firesAfter, Instant now) {
    return new Schedule(
        id,
        pipeline,
        specJson,
        cron,
        timezone,
        branch,
        source,
        repo,
        file,
        entry,
        paused,
        firesAfter,
        createdAt,
        now);
  }

  /** What its workflow needs. */
  ScheduleClock clock() {
    return new ScheduleClock(id, cron, timezone, paused, firesAfter.toEpochMilli());
  }

  /** Its next fire after {@code now}, or null while it is paused. */
  public Instant nextFire(Instant now) {
    if (paused) {
      return null;
    }
    Instant after = firesAfter.isAfter(now) ? firesAfter : now;
    return Cron.parse(cron).next(after.atZone(ZoneId.of(timezone))).toInstant();
  }
}
