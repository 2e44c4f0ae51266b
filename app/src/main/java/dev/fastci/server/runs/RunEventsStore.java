package dev.fastci.server.runs;

import static dev.fastci.server.runs.RunRowMappers.timestamp;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What happened to the runs beyond their jobs, like a host lost ({@code run_events}). */
@Repository
public class RunEventsStore {
  private final JdbcClient jdbc;

  public RunEventsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
            timestamp(event.at()),
            event.message(),
            runId,
            event.attempt(),
            timestamp(event.at()),
            event.message())
        .update();
  }

  /** The run's events, oldest first. */
  public List<RunEvent> events(String runId) {
    return jdbc.sql(
            "select attempt, at, message from run_events where run_id = ? order by at, attempt")
        .param(runId)
        .query(RunRowMappers::runEvent)
        .list();
  }
}
