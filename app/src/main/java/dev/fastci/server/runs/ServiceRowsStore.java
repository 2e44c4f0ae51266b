package dev.fastci.server.runs;

import static dev.fastci.server.runs.RunRowMappers.instant;
import static dev.fastci.server.runs.RunRowMappers.timestamp;

import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The services of each attempt of the runs ({@code run_services}), as the attempts ended. */
@Repository
public class ServiceRowsStore {
  /** The error column's size: a longer reason is cut, its end marked. */
  static final int MAX_ERROR = 4000;

  private final JdbcClient jdbc;

  public ServiceRowsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes a service's state in its attempt; writing the same state again changes nothing. */
  public void save(String runId, ServiceState service) {
    Object[] values = {
      service.image(),
      service.status().name(),
      timestamp(service.startedAt()),
      timestamp(service.readyAt()),
      timestamp(service.finishedAt()),
      cut(service.error()),
      runId,
      service.attempt(),
      service.name()
    };
    int updated =
        jdbc.sql(
                "update run_services set image = ?, status = ?, started_at = ?, ready_at = ?,"
                    + " finished_at = ?, error = ? where run_id = ? and attempt = ? and name = ?")
            .params(values)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into run_services (image, status, started_at, ready_at, finished_at, error,"
                  + " run_id, attempt, name) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  /** The services of one attempt of the run, by name. */
  Map<String, ServiceState> services(String runId, int attempt) {
    Map<String, ServiceState> services = new LinkedHashMap<>();
    jdbc.sql(
            "select name, image, status, attempt, started_at, ready_at, finished_at, error"
                + " from run_services where run_id = ? and attempt = ?")
        .params(runId, attempt)
        .query(
            (rs, row) ->
                new ServiceState(
                    rs.getString("name"),
                    rs.getString("image"),
                    ServiceStatus.valueOf(rs.getString("status")),
                    rs.getInt("attempt"),
                    millis(instant(rs, "started_at")),
                    millis(instant(rs, "ready_at")),
                    millis(instant(rs, "finished_at")),
                    rs.getString("error")))
        .list()
        .forEach(service -> services.put(service.name(), service));
    return services;
  }

  private static Long millis(java.time.Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static String cut(String error) {
    return error == null || error.length() <= MAX_ERROR
        ? error
        : error.substring(0, MAX_ERROR - 1) + "…";
  }
}
