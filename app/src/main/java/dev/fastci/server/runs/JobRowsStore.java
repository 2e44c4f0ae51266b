package dev.fastci.server.runs;

import static dev.fastci.server.runs.RunRowMappers.timestamp;

import dev.fastci.contract.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The job attempts of the runs ({@code job_attempts}): one row per job and attempt. */
@Repository
public class JobRowsStore {
  private final JdbcClient jdbc;

  public JobRowsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes a job attempt's state; writing the same state again changes nothing. */
  @Transactional
  public void saveJob(String runId, JobState job) {
    Object[] values = {
      job.status().name(),
      job.exitCode(),
      job.error(),
      job.host(),
      timestamp(job.startedAt()),
      timestamp(job.finishedAt()),
      job.cached(),
      job.skipReason(),
      runId,
      job.name(),
      job.attempt()
    };
    int updated =
        jdbc.sql(
                "update job_attempts set status = ?, exit_code = ?, error = ?, host = ?,"
                    + " started_at = ?, finished_at = ?, cached = ?, skip_reason = ?"
                    + " where run_id = ? and job = ? and attempt = ?")
            .params(values)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into job_attempts (status, exit_code, error, host, started_at, finished_at,"
                  + " cached, skip_reason, run_id, job, attempt)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
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
            "select job, attempt, status, exit_code, error, host, started_at, finished_at, cached,"
                + " skip_reason from job_attempts where run_id = ? order by job, attempt")
        .param(runId)
        .query(RunRowMappers::jobRow)
        .list();
  }
}
