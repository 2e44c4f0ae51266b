package dev.fastci.server.runs;

import static dev.fastci.server.runs.RunRowMappers.timestamp;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobTry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tries of job attempts ({@code job_tries}): one row per try that ended, for the jobs whose
 * {@code retry} gives them more than one. A job with one try has none; its attempt row says it all.
 */
@Repository
public class JobTriesStore {
  private static final int MAX_ERROR = 4000;

  private final JdbcClient jdbc;

  public JobTriesStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One try of a job attempt, as the store holds it. */
  public record TryRow(String job, int attempt, JobTry ended) {}

  /** Writes a try that ended; writing it again (a retried record) changes nothing. */
  @Transactional
  public void saveTry(String runId, String job, int attempt, JobTry ended) {
    String error =
        ended.error() == null || ended.error().length() <= MAX_ERROR
            ? ended.error()
            : ended.error().substring(0, MAX_ERROR);
    Object[] values = {
      ended.outcome().name(),
      ended.exitCode(),
      error,
      timestamp(ended.startedAt()),
      timestamp(ended.finishedAt()),
      timestamp(ended.retryAt()),
      runId,
      job,
      attempt,
      ended.number()
    };
    int updated =
        jdbc.sql(
                "update job_tries set outcome = ?, exit_code = ?, error = ?, started_at = ?,"
                    + " finished_at = ?, retry_at = ?"
                    + " where run_id = ? and job = ? and attempt = ? and try_number = ?")
            .params(values)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into job_tries (outcome, exit_code, error, started_at, finished_at,"
                  + " retry_at, run_id, job, attempt, try_number)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  /** Every try of every job attempt of the run, by job, attempt and try. */
  public List<TryRow> tries(String runId) {
    return jdbc.sql(
            "select job, attempt, try_number, outcome, exit_code, error, started_at, finished_at,"
                + " retry_at from job_tries where run_id = ? order by job, attempt, try_number")
        .param(runId)
        .query(JobTriesStore::tryRow)
        .list();
  }

  private static TryRow tryRow(ResultSet rs, int row) throws SQLException {
    Timestamp retryAt = rs.getTimestamp("retry_at");
    JobTry ended =
        new JobTry(
            rs.getInt("try_number"),
            JobOutcome.valueOf(rs.getString("outcome")),
            (Integer) rs.getObject("exit_code"),
            rs.getString("error"),
            rs.getTimestamp("started_at").getTime(),
            rs.getTimestamp("finished_at").getTime(),
            retryAt == null ? null : retryAt.getTime());
    return new TryRow(rs.getString("job"), rs.getInt("attempt"), ended);
  }
}
