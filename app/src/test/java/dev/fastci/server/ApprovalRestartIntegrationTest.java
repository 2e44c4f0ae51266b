package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server as its own process, killed ({@code kill -9}) while a run waits for an approval,
 * and started again on the same data dir: the run still waits, and an approval given after the
 * restart continues it on real Docker, each job's command run once.
 */
@ExtendWith(DockerEngine.class)
class ApprovalRestartIntegrationTest {
  private static final String TOKEN = "approval-restart-token";
  private static final String HOST = "approval-restart-host";

  @TempDir Path dataDir;
  @TempDir Path serverLogs;

  private FastciProcess server;
  private String runId;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (runId != null) {
      JobContainersOnDocker.removeAllOf(runId);
    }
    JobContainersOnDocker.removeNetworkPoolOf(HOST); // left by the killed server
  }

  @Test
  void approvalGivenAfterAKilledServerRestartsContinuesTheRun() throws Exception {
    int port = FastciProcess.freePort();
    ServerApi api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    Map<String, String> env = FastciProcess.serverEnv(dataDir, TOKEN, HOST, port);
    server =
        FastciProcess.start("server", "server", dataDir, serverLogs.resolve("server.log"), env);
    try {
      api.awaitHealthy(server);
      runId =
          api.submit(
              """
              {"name": "gated", "jobs": [
                {"name": "plan", "image": "busybox:latest", "command": "echo planned"},
                {"name": "approve",
                 "approval": {"message": "Apply the plan?", "timeout_secs": 3600}},
                {"name": "apply", "image": "busybox:latest", "command": "echo applied"}],
               "parents": {"approve": ["plan"], "apply": ["approve"]}}
              """);
      JsonNode waiting = api.awaitJob(runId, "approve", "WAITING");
      assertThat(ServerApi.job(waiting, "approve").path("approvalMessage").asText())
          .isEqualTo("Apply the plan?");

      server.kill(); // SIGKILL while the workflow awaits the decision
      server.restart("server", dataDir, env);
      api.awaitHealthy(server);
      server.note("restarted");

      JsonNode after = api.awaitJob(runId, "approve", "WAITING");
      assertThat(after.path("status").asText()).isEqualTo("WAITING");
      assertThat(ServerApi.job(after, "apply").path("status").asText()).isEqualTo("PENDING");

      var decided =
          api.post("/api/pipelines/" + runId + "/jobs/approve/approve", "{\"comment\": \"go\"}");
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);

      JsonNode end = api.awaitEnd(runId, 1, Duration.ofSeconds(60));
      assertThat(end.path("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
      assertThat(ServerApi.job(end, "approve").path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(end.path("events").toString()).contains("approve approved by");
      assertThat(api.log(runId, "plan", null).split("planned", -1)).hasSize(2);
      assertThat(api.log(runId, "apply", null).split("applied", -1)).hasSize(2);
    } catch (Throwable failure) {
      server.printOutput();
      throw failure;
    }
  }
}
