package dev.fastci.server.runs;

import static dev.fastci.server.runs.RunRowMappers.timestamp;

import dev.fastci.contract.PipelineStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable history of runs ({@code runs}; H2 or PostgreSQL, migrated by Flyway). Their job
 * attempts are in {@link JobRowsStore}, their events in {@link RunEventsStore}.
 */
@Repository
public class RunStore {
  private static final String RUN_COLUMNS =
      "id, name, status, attempt, spec_json, trigger_json, carried_json, error, host,"
          + " created_at, started_at, finished_at, event, branch, condition_skips, params_json,"
          + " concurrency_group, repo_access_json, untrusted";

  private final JdbcClient jdbc;

  public RunStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, String name, String specJson, String triggerJson, Instant createdAt) {
    insert(
        new NewRun(
            id,
            name,
            PipelineStatus.PENDING,
            specJson,
            triggerJson,
            createdAt,
            null,
            null,
            null,
            null,
            null,
            null,
            false));
  }

  /**
   * A new run's row; {@code status} is PENDING, QUEUED behind its concurrency group, or WAITING
   * (held for a user's approval before anything of it starts).
   */
  void insert(NewRun run) {
    jdbc.sql(
            "insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,"
                + " created_at, event, branch, condition_skips, params_json, concurrency_group,"
                + " repo_access_json, untrusted)"
                + " values (?, ?, ?, 1, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            run.id(),
            run.name(),
            run.status().name(),
            run.specJson(),
            run.triggerJson(),
            timestamp(run.createdAt()),
            run.event(),
            run.branch(),
            run.conditionSkipsJson(),
            run.paramsJson(),
            run.concurrencyGroup(),
            run.repoAccessJson(),
            run.untrusted())
        .update();
  }

  /** When the run ended; empty while it goes on, or when the store does not know it. */
  public Optional<Instant> finishedAt(String id) {
    return jdbc.sql("select finished_at from runs where id = ?")
        .param(id)
        .query((rs, row) -> Optional.ofNullable(RunRowMappers.instant(rs, "finished_at")))
        .optional()
        .flatMap(found -> found);
  }

  /** Whether the store knows the run. */
  public boolean exists(String id) {
    return !existingIds(List.of(id)).isEmpty();
  }

  /**
   * The status of the newest finished run of the pipeline on the same branch (no branch: runs
   * without one) created before this run, if any.
   */
  Optional<PipelineStatus> previousFinishedStatus(
      String name, String branch, Instant createdAt, String id) {
    return jdbc.sql(
            "select status from runs where name = ? and "
                + (branch == null ? "branch is null" : "branch = ?")
                + " and id <> ? and created_at <= ? and finished_at is not null"
                + " order by created_at desc, id desc limit 1")
        .params(
            branch == null
                ? new Object[] {name, id, timestamp(createdAt)}
                : new Object[] {name, branch, id, timestamp(createdAt)})
        .query((rs, row) -> PipelineStatus.valueOf(rs.getString("status")))
        .optional();
  }

  /** The runs of a concurrency group that have not ended (queued ones too), oldest first. */
  List<RunRow> unfinishedInGroup(String group) {
    return jdbc.sql(
            "select "
                + RUN_COLUMNS
                + " from runs where concurrency_group = ?"
                + " and status in ('QUEUED', 'WAITING', 'PENDING', 'RUNNING')"
                + " order by created_at, id")
        .param(group)
        .query(RunRowMappers::runRow)
        .list();
  }

  /** The groups that have a queued run. */
  List<String> groupsWithQueuedRuns() {
    return jdbc.sql(
            "select distinct concurrency_group from runs where status = 'QUEUED'"
                + " and concurrency_group is not null")
        .query(String.class)
        .list();
  }

  /**
   * A run held for approval (stored {@code WAITING}, its workflow not started) that was approved:
   * {@code PENDING} to start now, or {@code QUEUED} behind its concurrency group. False when it is
   * no longer held (decided already, or cancelled).
   */
  boolean markApproved(String id, PipelineStatus next) {
    return jdbc.sql("update runs set status = ? where id = ? and status = 'WAITING'")
            .params(next.name(), id)
            .update()
        == 1;
  }

  /** A QUEUED run whose turn came: PENDING until its workflow reports it started. */
  boolean markDequeued(String id) {
    return jdbc.sql("update runs set status = ? where id = ? and status = 'QUEUED'")
            .params(PipelineStatus.PENDING.name(), id)
            .update()
        == 1;
  }

  Optional<RunRow> find(String id) {
    return jdbc.sql("select " + RUN_COLUMNS + " from runs where id = ?")
        .param(id)
        .query(RunRowMappers::runRow)
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
        .query(RunRowMappers::runSummary)
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
        .params(PipelineStatus.RUNNING.name(), host, timestamp(startedAt), id, attempt)
        .update();
  }

  @Transactional
  /**
   * Records the end of the run's attempt (again, when it was recorded before).
   *
   * @return true when the attempt had not ended before
   */
  boolean markFinished(
      String id, int attempt, PipelineStatus status, String error, Instant finishedAt) {
    String update =
        "update runs set status = ?, error = ?, finished_at = ? where id = ? and attempt = ?";
    Object[] params = {status.name(), error, timestamp(finishedAt), id, attempt};
    if (jdbc.sql(update + " and finished_at is null").params(params).update() > 0) {
      return true;
    }
    jdbc.sql(update).params(params).update();
    return false;
  }

  void markFailedToStart(String id, String error) {
    jdbc.sql("update runs set status = ?, error = ?, finished_at = ? where id = ?")
        .params(PipelineStatus.FAILED.name(), error, timestamp(Instant.now()), id)
        .update();
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
}
