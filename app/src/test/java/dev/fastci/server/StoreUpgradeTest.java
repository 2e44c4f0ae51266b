package dev.fastci.server;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A data dir made by the release before users (store migrated to V3, a finished run in it, the
 * generated admin password and API token in their files) is opened by this server: the run stays
 * readable, and admin still logs in with that password and the API token still works.
 */
@SpringBootTest(properties = {"fastci.worker.enabled=false", "fastci.runs.reconcile-every=1h"})
@AutoConfigureMockMvc
class StoreUpgradeTest {
  static final String OLD_PASSWORD = "generated-by-the-old-release";
  static final String OLD_TOKEN = "old-api-token";
  static final Path DATA_DIR = oldDataDir();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
  }

  @Autowired MockMvc mvc;

  @Test
  void theOldRunsStayReadable() throws Exception {
    mvc.perform(get("/api/pipelines/old-run").header("Authorization", "Bearer " + OLD_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("from-the-old-release"))
        .andExpect(jsonPath("$.status").value("SUCCEEDED"))
        .andExpect(jsonPath("$.jobs[0].name").value("build"))
        .andExpect(jsonPath("$.jobs[0].exitCode").value(0));
    mvc.perform(get("/api/pipelines").header("Authorization", "Bearer " + OLD_TOKEN))
        .andExpect(jsonPath("$.total").value(1));
  }

  @Test
  void adminStillLogsInWithTheGeneratedPassword() throws Exception {
    mvc.perform(
            post("/login").param("username", "admin").param("password", OLD_PASSWORD).with(csrf()))
        .andExpect(redirectedUrl("/"))
        .andExpect(authenticated().withUsername("admin").withRoles("ADMIN", "OPERATOR", "VIEWER"));
  }

  /** The data dir as the release before users left it, migrated by V1 to V3 only. */
  private static Path oldDataDir() {
    try {
      Path dir = Files.createTempDirectory("fastci-upgrade");
      Files.writeString(dir.resolve("admin-password"), OLD_PASSWORD + "\n");
      Files.writeString(dir.resolve("api-token"), OLD_TOKEN + "\n");
      DataSource store =
          new DriverManagerDataSource(
              "jdbc:h2:file:" + dir.resolve("store").resolve("fastci") + ";WRITE_DELAY=0",
              "fastci",
              "");
      Flyway.configure()
          .dataSource(store)
          .locations("classpath:db/migration")
          .target("3")
          .load()
          .migrate();
      JdbcClient jdbc = JdbcClient.create(store);
      Timestamp t0 = Timestamp.from(Instant.parse("2026-01-02T03:04:05Z"));
      jdbc.sql(
              "insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,"
                  + " created_at, started_at, finished_at, host) values ('old-run',"
                  + " 'from-the-old-release', 'SUCCEEDED', 1, ?, '{\"type\":\"api\"}', '[]', ?, ?,"
                  + " ?, 'host-a')")
          .params(
              "{\"name\":\"from-the-old-release\",\"jobs\":[{\"name\":\"build\",\"image\":\"busybox\","
                  + "\"command\":\"true\"}]}",
              t0,
              t0,
              t0)
          .update();
      jdbc.sql(
              "insert into job_attempts (run_id, job, attempt, status, exit_code, host, started_at,"
                  + " finished_at, cached) values ('old-run', 'build', 1, 'SUCCEEDED', 0, 'host-a',"
                  + " ?, ?, false)")
          .params(t0, t0)
          .update();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
