package dev.fastci.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database and a user of their own on the real PostgreSQL server, made for one test and dropped
 * after it. The server is reached as {@code FASTCI_TEST_POSTGRES_USER} (a superuser; {@code
 * scripts/start-postgres.sh} makes the default one) at {@code FASTCI_TEST_POSTGRES_HOST:PORT}.
 */
public final class PostgresDatabase implements AutoCloseable {
  private static final String HOST = setting("FASTCI_TEST_POSTGRES_HOST", "127.0.0.1");
  private static final String PORT = setting("FASTCI_TEST_POSTGRES_PORT", "5432");
  private static final String ADMIN = setting("FASTCI_TEST_POSTGRES_USER", "fastci_test_admin");
  private static final String ADMIN_PASSWORD =
      setting("FASTCI_TEST_POSTGRES_PASSWORD", "fastci_test_admin");

  private final String name;
  private final String password;

  private PostgresDatabase(String name, String password) {
    this.name = name;
    this.password = password;
  }

  /** Creates a fresh database owned by a fresh user; fails clearly when PostgreSQL is not there. */
  public static PostgresDatabase create() {
    String name = "fastci_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String password = UUID.randomUUID().toString();
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute("create user " + name + " password '" + password + "'");
      sql.execute("create database " + name + " owner " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e, e);
    }
    return new PostgresDatabase(name, password);
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public String user() {
    return name;
  }

  public String password() {
    return password;
  }

  public DataSource dataSource() {
    return new DriverManagerDataSource(url(), name, password);
  }

  @Override
  public void close() {
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + name + " with (force)");
      sql.execute("drop user if exists " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop database " + name + ": " + e, e);
    }
  }

  private static Connection admin() {
    String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
    try {
      return DriverManager.getConnection(url, ADMIN, ADMIN_PASSWORD);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at "
              + url
              + " as "
              + ADMIN
              + " ("
              + e.getMessage()
              + "). The store tests need a real PostgreSQL: run scripts/start-postgres.sh"
              + " (Debian's postgresql package), or set FASTCI_TEST_POSTGRES_HOST, _PORT, _USER"
              + " and _PASSWORD",
          e);
    }
  }

  private static String setting(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value;
  }
}
