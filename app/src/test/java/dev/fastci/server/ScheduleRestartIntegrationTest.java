package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server as its own process, killed ({@code kill -9}) while its hourly schedule has fires
 * due, and started again on the same data dir: the missed fires fire once, on real Docker.
 */
@ExtendWith(DockerEngine.class)
class ScheduleRestartIntegrationTest {
  private static final String TOKEN = "schedule-restart-token";

  @TempDir Path dataDir;
  @TempDir Path serverLogs;

  private FastciProcess server;
  private ServerApi api;
  private String runId;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (runId != null) {
      JobContainersOnDocker.removeAllOf(runId);
    }
    JobContainersOnDocker.removeNetworkPoolOf("schedule-restart-host");
  }

  @Test
  void fireDueWhileTheServerWasDownFiresOnceAfterItStarts() throws Exception {
    int port = FastciProcess.freePort();
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    Map<String, String> env =
        FastciProcess.serverEnv(dataDir, TOKEN, "schedule-restart-host", port);
    server =
        FastciProcess.start("server", "server", dataDir, serverLogs.resolve("server.log"), env);
    try {
      api.awaitHealthy(server);
      JsonNode created =
          ServerApi.json(
              api.post(
                  "/api/schedules",
                  """
                  {"spec": {"name": "hourly", "jobs": [{"name": "a", "image": "busybox:latest",
                            "command": "echo fired"}]},
                   "cron": "0 * * * *", "timezone": "UTC", "branch": "main"}
                  """));
      String id = created.path("id").asText();
      assertThat(id).as("%s", created).isNotEmpty();

      server.kill();
      // as if it had been down for three hours: three hourly fires are due
      Instant down = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
      try (Connection store =
              DriverManager.getConnection(
                  "jdbc:h2:file:" + dataDir.resolve("store").resolve("fastci"), "fastci", "");
          PreparedStatement update =
              store.prepareStatement("update schedules set fires_after = ? where id = ?")) {
        update.setTimestamp(1, Timestamp.from(down));
        update.setString(2, id);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      server.restart("server", dataDir, env);
      api.awaitHealthy(server);
      server.note("restarted");

      JsonNode fired =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> ServerApi.json(api.get("/api/schedules/" + id)),
                  s ->
                      s.path("lastRuns").size() == 1
                          && s.path("lastRuns").get(0).hasNonNull("runId"));
      JsonNode fire = fired.path("lastRuns").get(0);
      assertThat(Instant.parse(fire.path("dueAt").asText()))
          .isEqualTo(down.plus(Duration.ofHours(1)));
      runId = fire.path("runId").asText();
      JsonNode run = api.awaitEnd(runId, 1, Duration.ofSeconds(60));
      assertThat(run.path("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
      assertThat(run.path("event").asText()).isEqualTo("schedule");
      assertThat(run.path("branch").asText()).isEqualTo("main");
      assertThat(run.path("trigger").path("schedule").asText()).isEqualTo(id);
      assertThat(api.log(runId, "a", null)).contains("fired");

      Thread.sleep(3000); // the other missed fires do not follow
      JsonNode after = ServerApi.json(api.get("/api/schedules/" + id));
      assertThat(after.path("lastRuns").size()).isEqualTo(1);
      Instant next = Instant.parse(after.path("nextFireAt").asText());
      assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(1)));
      assertThat(next.truncatedTo(ChronoUnit.HOURS)).as("on the hour").isEqualTo(next);
    } catch (Throwable failure) {
      server.printOutput();
      throw failure;
    }
  }
}
