package dev.fastci.server.repos;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which runs the repositories' pushes and pull requests started ({@code repo_runs}). */
@Repository
public class RepoRuns {
  private static final String COLUMNS =
      "rr.run_id, rr.repo_id, rr.event, rr.branch, rr.pull_request, rr.pr_title, rr.commit_sha,"
          + " rr.fork, rr.needs_approval, rr.group_key, rr.created_at";

  private final JdbcClient jdbc;

  public RepoRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A repository's run, with the run as the lists show it. */
  public record Line(RepoRun link, RunSummary run) {}

  public void record(RepoRun run) {
    jdbc.sql(
            "insert into repo_runs (run_id, repo_id, event, branch, pull_request, pr_title,"
                + " commit_sha, fork, needs_approval, group_key, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            run.runId(),
            run.repoId(),
            run.event(),
            run.branch(),
            run.pullRequest(),
            run.prTitle(),
            run.commitSha(),
            run.fork(),
            run.needsApproval(),
            run.groupKey(),
            Timestamp.from(run.createdAt()))
        .update();
  }

  public Optional<RepoRun> byRun(String runId) {
    return jdbc.sql("select " + COLUMNS + " from repo_runs rr where rr.run_id = ?")
        .param(runId)
        .query(RepoRuns::link)
        .optional();
  }

  /** The repository's newest runs first. */
  public List<Line> newest(long repoId, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", r.id, r.name, r.status, r.created_at as run_created_at, r.started_at,"
                + " r.finished_at, r.attempt, r.trigger_json"
                + " from repo_runs rr join runs r on r.id = rr.run_id where rr.repo_id = ?"
                + " order by rr.created_at desc, rr.run_id desc limit ?")
        .params(repoId, limit)
        .query(
            (rs, row) ->
                new Line(
                    link(rs, row),
                    new RunSummary(
                        rs.getString("id"),
                        rs.getString("name"),
                        PipelineStatus.valueOf(rs.getString("status")),
                        instant(rs, "run_created_at"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        rs.getInt("attempt"),
                        rs.getString("trigger_json"))))
        .list();
  }

  /** The runs of a pull request that have not ended. */
  public List<String> unfinishedOfPullRequest(long repoId, int number) {
    return jdbc.sql(
            "select rr.run_id from repo_runs rr join runs r on r.id = rr.run_id"
                + " where rr.repo_id = ? and rr.pull_request = ?"
                + " and r.status in ('PENDING', 'RUNNING') order by rr.run_id")
        .params(repoId, number)
        .query(String.class)
        .list();
  }

  private static RepoRun link(ResultSet rs, int row) throws SQLException {
    return new RepoRun(
        rs.getString("run_id"),
        rs.getLong("repo_id"),
        rs.getString("event"),
        rs.getString("branch"),
        (Integer) rs.getObject("pull_request"),
        rs.getString("pr_title"),
        rs.getString("commit_sha"),
        rs.getBoolean("fork"),
        rs.getBoolean("needs_approval"),
        rs.getString("group_key"),
        instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
