package dev.fastci.server.runs;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Rows of the run store's tables as records, and instants to and from SQL timestamps (a null stays
 * null): shared by {@link RunStore}, {@link JobRowsStore}, {@link RunEventsStore} and the stores of
 * other features.
 */
public final class RunRowMappers {
  private RunRowMappers() {}

  /** A {@code runs} row with every column of {@link RunRow}. */
  static RunRow runRow(ResultSet rs, int row) throws SQLException {
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
        instant(rs, "finished_at"),
        rs.getString("event"),
        rs.getString("branch"),
        rs.getString("condition_skips"),
        rs.getString("params_json"),
        rs.getString("concurrency_group"),
        rs.getString("repo_access_json"),
        rs.getBoolean("untrusted"));
  }

  /** A {@code runs} row as the run lists show it. */
  static RunSummary runSummary(ResultSet rs, int row) throws SQLException {
    return new RunSummary(
        rs.getString("id"),
        rs.getString("name"),
        PipelineStatus.valueOf(rs.getString("status")),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getInt("attempt"),
        rs.getString("trigger_json"));
  }

  /** A {@code job_attempts} row. */
  static JobRow jobRow(ResultSet rs, int row) throws SQLException {
    return new JobRow(
        rs.getString("job"),
        rs.getInt("attempt"),
        JobStatus.valueOf(rs.getString("status")),
        (Integer) rs.getObject("exit_code"),
        rs.getString("error"),
        rs.getString("host"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getBoolean("cached"),
        rs.getString("skip_reason"));
  }

  /** A {@code run_events} row. */
  static RunEvent runEvent(ResultSet rs, int row) throws SQLException {
    return new RunEvent(instant(rs, "at"), rs.getInt("attempt"), rs.getString("message"));
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  public static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Timestamp timestamp(Long epochMillis) {
    return epochMillis == null ? null : new Timestamp(epochMillis);
  }
}
