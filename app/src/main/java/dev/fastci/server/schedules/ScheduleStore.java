package dev.fastci.server.schedules;

import static dev.fastci.server.runs.RunRowMappers.instant;
import static dev.fastci.server.runs.RunRowMappers.timestamp;

import dev.fastci.contract.PipelineStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The schedules ({@code schedules}) and their fires ({@code schedule_fires}). */
@Repository
class ScheduleStore {
  /** The fires each schedule keeps; older ones go (their runs stay). */
  static final int FIRES_KEPT = 20;

  private static final String COLUMNS =
      "id, pipeline, spec_json, cron, timezone, branch, source, repo, file, entry, paused,"
          + " fires_after, created_at, updated_at";

  private final JdbcClient jdbc;

  ScheduleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One fire: the run it started, or why none started. */
  record Fire(Instant dueAt, String runId, PipelineStatus runStatus, String error) {}

  void insert(Schedule s) {
    jdbc.sql(
            "insert into schedules ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.id(),
            s.pipeline(),
            s.specJson(),
            s.cron(),
            s.timezone(),
            s.branch(),
            s.source().name(),
            s.repo(),
            s.file(),
            s.entry(),
            s.paused(),
            timestamp(s.firesAfter()),
            timestamp(s.createdAt()),
            timestamp(s.updatedAt()))
        .update();
  }

  /** A repository's schedule after a push: its spec, pipeline, cron and when it fires from. */
  void update(Schedule s) {
    jdbc.sql(
            "update schedules set pipeline = ?, spec_json = ?, cron = ?, timezone = ?,"
                + " fires_after = ?, updated_at = ? where id = ?")
        .params(
            s.pipeline(),
            s.specJson(),
            s.cron(),
            s.timezone(),
            timestamp(s.firesAfter()),
            timestamp(s.updatedAt()),
            s.id())
        .update();
  }

  void setPaused(String id, boolean paused, Instant firesAfter, Instant now) {
    jdbc.sql("update schedules set paused = ?, fires_after = ?, updated_at = ? where id = ?")
        .params(paused, timestamp(firesAfter), timestamp(now), id)
        .update();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from schedules where id = ?").param(id).update() > 0;
  }

  Optional<Schedule> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from schedules where id = ?")
        .param(id)
        .query(ScheduleStore::schedule)
        .optional();
  }

  /** Every schedule, by pipeline. */
  List<Schedule> all() {
    return jdbc.sql("select " + COLUMNS + " from schedules order by pipeline, created_at, id")
        .query(ScheduleStore::schedule)
        .list();
  }

  /** The schedules that the pushes of a repository's branch keep. */
  List<Schedule> ofRepoBranch(String repo, String branch) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from schedules where source = 'REPO' and repo = ? and branch = ?")
        .params(repo, branch)
        .query(ScheduleStore::schedule)
        .list();
  }

  /** The fire of that due time, when there was one. */
  Optional<Fire> fire(String id, Instant dueAt) {
    return jdbc.sql(
            "select f.due_at, f.run_id, r.status, f.error from schedule_fires f"
                + " left join runs r on r.id = f.run_id where f.schedule_id = ? and f.due_at = ?")
        .params(id, timestamp(dueAt))
        .query(ScheduleStore::fire)
        .optional();
  }

  /** Claims a fire for a run id, before the run starts; false when it was claimed before. */
  boolean claimFire(String id, Instant dueAt, String runId, Instant now) {
    return jdbc.sql(
                "insert into schedule_fires (schedule_id, due_at, run_id, fired_at)"
                    + " select ?, ?, ?, ? where not exists (select 1 from schedule_fires"
                    + " where schedule_id = ? and due_at = ?)")
            .params(id, timestamp(dueAt), runId, timestamp(now), id, timestamp(dueAt))
            .update()
        > 0;
  }

  /** A fire whose run the server refused: no run, the reason. */
  void refuseFire(String id, Instant dueAt, String error) {
    jdbc.sql(
            "update schedule_fires set run_id = null, error = ? where schedule_id = ? and due_at = ?")
        .params(error.length() > 4000 ? error.substring(0, 4000) : error, id, timestamp(dueAt))
        .update();
  }

  /** The fire is done: the schedule fires after it, and only the newest fires are kept. */
  void fired(String id, Instant dueAt) {
    jdbc.sql("update schedules set fires_after = ? where id = ? and fires_after < ?")
        .params(timestamp(dueAt), id, timestamp(dueAt))
        .update();
    trimFires(id);
  }

  /** Only the newest {@link #FIRES_KEPT} fires of a schedule are kept. */
  void trimFires(String id) {
    List<Instant> kept =
        jdbc.sql(
                "select due_at from schedule_fires where schedule_id = ?"
                    + " order by due_at desc limit ?")
            .params(id, FIRES_KEPT)
            .query((rs, row) -> instant(rs, "due_at"))
            .list();
    if (kept.size() == FIRES_KEPT) {
      jdbc.sql("delete from schedule_fires where schedule_id = ? and due_at < ?")
          .params(id, timestamp(kept.get(kept.size() - 1)))
          .update();
    }
  }

  /** The newest fires of a schedule, newest first, with their runs' status. */
  List<Fire> lastFires(String id, int limit) {
    return jdbc.sql(
            "select f.due_at, f.run_id, r.status, f.error from schedule_fires f"
                + " left join runs r on r.id = f.run_id where f.schedule_id = ?"
                + " order by f.due_at desc limit ?")
        .params(id, limit)
        .query(ScheduleStore::fire)
        .list();
  }

  private static Schedule schedule(ResultSet rs, int row) throws SQLException {
    return new Schedule(
        rs.getString("id"),
        rs.getString("pipeline"),
        rs.getString("spec_json"),
        rs.getString("cron"),
        rs.getString("timezone"),
        rs.getString("branch"),
        Schedule.Source.valueOf(rs.getString("source")),
        rs.getString("repo"),
        rs.getString("file"),
        (Integer) rs.getObject("entry"),
        rs.getBoolean("paused"),
        instant(rs, "fires_after"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static Fire fire(ResultSet rs, int row) throws SQLException {
    String status = rs.getString("status");
    return new Fire(
        instant(rs, "due_at"),
        rs.getString("run_id"),
        status == null ? null : PipelineStatus.valueOf(status),
        rs.getString("error"));
  }
}
