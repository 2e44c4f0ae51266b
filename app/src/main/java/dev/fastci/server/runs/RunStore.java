package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The durable history of runs and job attempts (H2 or PostgreSQL, migrated by Flyway). */
@Repository
public class RunStore {
  private static final String RUN_COLUMNS =
      "id, name, status, attempt, spec_json, trigger_json, carried_json, error, host,"
          + " created_at, started_at, finished_at";

  private final JdbcClient jdbc;

  public RunStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, String name, String specJson, String triggerJson, Instant createdAt) {
    jdbc.sql(
            "insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,"
                + " created_at) values (?, ?, ?, 1, ?, ?, '[]', ?)")
        .params(id, name, PipelineStatus.PENDING.name(), specJson, triggerJson, ts(createdAt))
        .update();
  }

  Optional<RunRow> find(String id) {
    return jdbc.sql("select " + RUN_COLUMNS + " from runs where id = ?")
        .param(id)
        .query(RunStore::runRow)
        .optional();
  }

  /** Newest first; {@code status} and {@code name} filter when not null. */
  public List<RunSummary> list(PipelineStatus status, String name, int limit, int offset) {
    return jdbc.sql(
            "select id, name, status, created_at, started_at, finished_at, attempt, trigger_json"
                + " from runs"
                + where(status, name)
                + " order by created_at desc, id desc limit ? offset ?")
        .params(filterParams(status, name, limit, offset))
        .query(
            (rs, i) ->
                new RunSummary(
                    rs.getString("id"),
                    rs.getString("name"),
                    PipelineStatus.valueOf(rs.getString("status")),
                    instant(rs, "created_at"),
                    instant(rs, "started_at"),
                    instant(rs, "finished_at"),
                    rs.getInt("attempt"),
                    rs.getString("trigger_json")))
        .list();
  }

  public long count(PipelineStatus status, String name) {
    return jdbc.sql("select count(*) from runs" + where(status, name))
        .params(filterParams(status, name))
        .query(Long.class)
        .single();
  }

  /** The runs that have not ended (PENDING or RUNNING), by id. */
  public List<String> unfinishedIds() {
    return jdbc.sql("select id from runs where status in ('PENDING', 'RUNNING') order by id")
        .query(String.class)
        .list();
  }

  /** Which of these ids are runs of this store (in any status). */
  public Set<String> existingIds(Collection<String> ids) {
    Set<String> existing = new HashSet<>();
    List<String> all = List.copyOf(new LinkedHashSet<>(ids));
    for (int from = 0; from < all.size(); from += 500) {
      existing.addAll(
          jdbc.sql("select id from runs where id in (:ids)")
              .param("ids", all.subList(from, Math.min(all.size(), from + 500)))
              .query(String.class)
              .list());
    }
    return existing;
  }

  /** Starts attempt {@code attempt}: the run is PENDING again and carries these jobs over. */
  void startAttempt(String id, int attempt, String carriedJson) {
    jdbc.sql(
            "update runs set attempt = ?, status = ?, carried_json = ?, error = null,"
                + " started_at = null, finished_at = null where id = ?")
        .params(attempt, PipelineStatus.PENDING.name(), carriedJson, id)
        .update();
  }

  void markStarted(String id, int attempt, String host, Instant startedAt) {
    jdbc.sql(
            "update runs set status = ?, host = ?, started_at = coalesce(started_at, ?)"
                + " where id = ? and attempt = ?")
        .params(PipelineStatus.RUNNING.name(), host, ts(startedAt), id, attempt)
        .update();
  }

  @Transactional
  void markFinished(
      String id, int attempt, PipelineStatus status, String error, Instant finishedAt) {
    jdbc.sql("update runs set status = ?, error = ?, finished_at = ? where id = ? and attempt = ?")
        .params(status.name(), error, ts(finishedAt), id, attempt)
        .update();
  }

  void markFailedToStart(String id, String error) {
    jdbc.sql("update runs set status = ?, error = ?, finished_at = ? where id = ?")
        .params(PipelineStatus.FAILED.name(), error, ts(Instant.now()), id)
        .update();
  }

  /** Writes a job attempt's state; writing the same state again changes nothing. */
  @Transactional
  public void saveJob(String runId, JobState job) {
    Object[] values = {
      job.status().name(),
      job.exitCode(),
      job.error(),
      job.host(),
      ts(job.startedAt()),
      ts(job.finishedAt()),
      job.cached(),
      runId,
      job.name(),
      job.attempt()
    };
    int updated =
        jdbc.sql(
                "update job_attempts set status = ?, exit_code = ?, error = ?, host = ?,"
                    + " started_at = ?, finished_at = ?, cached = ?"
                    + " where run_id = ? and job = ? and attempt = ?")
            .params(values)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into job_attempts (status, exit_code, error, host, started_at, finished_at,"
                  + " cached, run_id, job, attempt) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  /** Records an event once: the same event reported again (a retried record) changes nothing. */
  public void addEvent(String runId, RunEvent event) {
    jdbc.sql(
            "insert into run_events (run_id, attempt, at, message) select ?, ?, ?, ?"
                + " where not exists (select 1 from run_events"
                + " where run_id = ? and attempt = ? and at = ? and message = ?)")
        .params(
            runId,
            event.attempt(),
            ts(event.at()),
            event.message(),
            runId,
            event.attempt(),
            ts(event.at()),
            event.message())
        .update();
  }

  /** The run's events, oldest first. */
  public List<RunEvent> events(String runId) {
    return jdbc.sql(
            "select attempt, at, message from run_events where run_id = ? order by at, attempt")
        .param(runId)
        .query(
            (rs, i) ->
                new RunEvent(instant(rs, "at"), rs.getInt("attempt"), rs.getString("message")))
        .list();
  }

  /** The latest attempt of each job that has one, by job name. */
  Map<String, JobRow> latestJobs(String runId) {
    Map<String, JobRow> latest = new LinkedHashMap<>();
    for (JobRow row : jobRows(runId)) {
      latest.merge(row.job(), row, (a, b) -> a.attempt() >= b.attempt() ? a : b);
    }
    return latest;
  }

  /** Every attempt of every job of the run. */
  List<JobRow> jobRows(String runId) {
    return jdbc.sql(
            "select job, attempt, status, exit_code, error, host, started_at, finished_at, cached"
                + " from job_attempts where run_id = ? order by job, attempt")
        .param(runId)
        .query(
            (rs, i) ->
                new JobRow(
                    rs.getString("job"),
                    rs.getInt("attempt"),
                    JobStatus.valueOf(rs.getString("status")),
                    (Integer) rs.getObject("exit_code"),
                    rs.getString("error"),
                    rs.getString("host"),
                    instant(rs, "started_at"),
                    instant(rs, "finished_at"),
                    rs.getBoolean("cached")))
        .list();
  }

  private static String where(PipelineStatus status, String name) {
    List<String> clauses = new ArrayList<>();
    if (status != null) {
      clauses.add("status = ?");
    }
    if (name != null) {
      clauses.add("name = ?");
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private static Object[] filterParams(PipelineStatus status, String name, Object... more) {
    List<Object> params = new ArrayList<>();
    if (status != null) {
      params.add(status.name());
    }
    if (name != null) {
      params.add(name);
    }
    params.addAll(List.of(more));
    return params.toArray();
  }

  private static RunRow runRow(ResultSet rs, int row) throws SQLException {
    return new RunRow(
        rs.getString("id"),
        rs.getString("name"),
        PipelineStatus.valueOf(rs.getString("status")),
        rs.getInt("attempt"),
        rs.getString("spec_json"),
        rs.getString("trigger_json"),
        rs.getString("carried_json"),
        rs.getString("error"),
        rs.getString("host"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Timestamp ts(Long epochMillis) {
    return epochMillis == null ? null : new Timestamp(epochMillis);
  }
}
