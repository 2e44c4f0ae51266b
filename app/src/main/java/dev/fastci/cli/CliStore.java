package dev.fastci.cli;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.users.Passwords;
import dev.fastci.server.users.UserStore;
import dev.fastci.server.users.Users;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The server's run store, opened by the command line while the server is stopped: the H2 database
 * under the data dir, or {@code SPRING_DATASOURCE_URL} (PostgreSQL) when it is set. It is migrated
 * as the server would migrate it.
 */
final class CliStore {
  final Users users;
  final PersonalTokens tokens;
  final UserStore userStore;

  private CliStore(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    AuditLog audit = new AuditLog(new AuditStore(jdbc));
    this.userStore = new UserStore(jdbc);
    this.users = new Users(userStore, Passwords.encoder(), audit);
    this.tokens = PersonalTokens.on(jdbc, userStore, audit);
  }

  /** The store can not be opened: the server holds it, or it is not there. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Who the audit log says made a change from the command line. */
  static Actor actor() {
    return new Actor(Actor.CLI, null, "local (" + System.getProperty("user.name") + ")");
  }

  static CliStore open(Path dataDir, Map<String, String> env) {
    String url = CliSettings.setting(env, "spring.datasource.url", "SPRING_DATASOURCE_URL", "");
    DataSource dataSource;
    String where;
    if (url.isBlank()) {
      Path file = dataDir.toAbsolutePath().resolve("store").resolve("fastci");
      where = "the H2 store " + file;
      // IFEXISTS: a typo in FASTCI_DATA_DIR must not make a new, empty store
      dataSource =
          new DriverManagerDataSource(
              "jdbc:h2:file:" + file + ";WRITE_DELAY=0;IFEXISTS=TRUE", "fastci", "");
    } else {
      where = "the store " + url;
      dataSource =
          new DriverManagerDataSource(
              url,
              CliSettings.setting(
                  env, "spring.datasource.username", "SPRING_DATASOURCE_USERNAME", ""),
              CliSettings.setting(
                  env, "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", ""));
    }
    try (Connection probe = dataSource.getConnection()) {
      probe.isValid(5);
    } catch (SQLException e) {
      throw new Unavailable(
          "cannot open "
              + where
              + " ("
              + e.getMessage().lines().findFirst().orElse("")
              + "). Stop the server first (the H2 store has one user at a time), or use the"
              + " server's API (/api/users); start the server once to make a new store",
          e);
    }
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .outOfOrder(true) // features land in another order than their migrations were numbered
        .load()
        .migrate();
    return new CliStore(dataSource);
  }
}
