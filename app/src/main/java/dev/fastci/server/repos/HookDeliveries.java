package dev.fastci.server.repos;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook deliveries already taken, by the forge's delivery id ({@code hook_deliveries}): a
 * forge sends a delivery again when it saw no answer, or when someone presses "redeliver", and that
 * must not start the runs twice. Deliveries older than {@link #KEPT} are forgotten.
 */
@Repository
public class HookDeliveries {
  static final Duration KEPT = Duration.ofDays(30);

  private final JdbcClient jdbc;

  public HookDeliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes a delivery: true the first time, false when it was taken before (then {@link #answer} has
   * what it started, once that is recorded).
   */
  public boolean claim(String forge, String delivery, Instant now) {
    jdbc.sql("delete from hook_deliveries where received_at < ?")
        .param(Timestamp.from(now.minus(KEPT)))
        .update();
    try {
      jdbc.sql("insert into hook_deliveries (forge, delivery, received_at) values (?, ?, ?)")
          .params(forge, delivery, Timestamp.from(now))
          .update();
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  /** Records the answer of a delivery: the ids of the runs it started, as JSON. */
  public void complete(String forge, String delivery, String pipelinesJson) {
    jdbc.sql("update hook_deliveries set pipelines_json = ? where forge = ? and delivery = ?")
        .params(pipelinesJson, forge, delivery)
        .update();
  }

  /** Forgets a delivery that failed, so that the forge's next try is taken. */
  public void release(String forge, String delivery) {
    jdbc.sql("delete from hook_deliveries where forge = ? and delivery = ?")
        .params(forge, delivery)
        .update();
  }

  /** What the first delivery started, as JSON; empty while it is still being handled. */
  public Optional<String> answer(String forge, String delivery) {
    return jdbc.sql(
            "select pipelines_json from hook_deliveries where forge = ? and delivery = ?"
                + " and pipelines_json is not null")
        .params(forge, delivery)
        .query(String.class)
        .optional();
  }
}
