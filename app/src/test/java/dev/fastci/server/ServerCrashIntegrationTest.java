package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server as its own process ({@code fastci server}, started from the test classpath so
 * this works before the jar is packaged), stopped while a job runs and started again on the same
 * data dir: the run resumes, re-attaches to the container, and runs each command once.
 */
@ExtendWith(DockerEngine.class)
class ServerCrashIntegrationTest {
  private static final String TOKEN = "crash-token";

  @TempDir Path dataDir;
  @TempDir Path out;
  @TempDir Path serverLogs;

  private int port;
  private FastciProcess server;
  private ServerApi api;
  private Path serverLog;

  @BeforeEach
  void pickPort() {
    port = FastciProcess.freePort();
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    serverLog = serverLogs.resolve("server.log");
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (api != null) {
      api.submitted().forEach(JobContainersOnDocker::removeAllOf);
    }
    JobContainersOnDocker.removeNetworkPoolOf("crash-host"); // left by the killed server
  }

  @Test
  void killedServerResumesTheRunAndRunsEachCommandOnce() throws Exception {
    // Long enough that the restarted server (about 3 s to start) re-attaches to a running
    // container.
    stoppedWhileAJobRunsThenRestarted(true, 8);
  }

  @Test
  void gracefullyStoppedServerResumesTheRunAndRunsEachCommandOnce() throws Exception {
    stoppedWhileAJobRunsThenRestarted(false, 4);
  }

  private void stoppedWhileAJobRunsThenRestarted(boolean kill, int sleepSecs) throws Exception {
    try {
      startServer();
      String id =
          api.submit(
              """
              {"name": "crash",
               "jobs": [
                 {"name": "long", "image": "busybox:latest", "volumes": ["%s:/out"],
                  "command": ["sh", "-c", "echo ran >> /out/count; echo first; sleep %d; echo second"]},
                 {"name": "child", "image": "busybox:latest", "command": "echo child ran"}
               ],
               "parents": {"child": ["long"]}}
              """
                  .formatted(out, sleepSecs));
      JobContainersOnDocker.awaitRunning(id, "long", 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out.resolve("count")));
      server.note("long runs: stopping the server");

      if (kill) {
        server.kill(); // SIGKILL: nothing is cleaned up
      } else {
        server.stop(); // SIGTERM: a graceful stop
      }
      startServer();
      server.note("restarted");

      JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(40));

      assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
      assertThat(ServerApi.job(end, "long").get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(ServerApi.job(end, "long").get("attempt").asInt()).isEqualTo(1);
      assertThat(ServerApi.job(end, "child").get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(Files.readAllLines(out.resolve("count")))
          .as("the command of long ran once")
          .containsExactly("ran");
      List<String> longLog = api.log(id, "long", null).lines().toList();
      assertThat(longLog).contains("first", "second").doesNotHaveDuplicates();
      assertThat(api.log(id, "child", null)).contains("child ran");
      assertThat(DockerEngine.fastciContainers(id)).as("containers of run " + id).isEmpty();
    } catch (Throwable failure) {
      server.printOutput();
      throw failure;
    }
  }

  /** Starts {@code fastci server} in its own JVM and waits until /api/health answers. */
  private void startServer() {
    Map<String, String> env = FastciProcess.serverEnv(dataDir, TOKEN, "crash-host", port);
    env.put("FASTCI_VOLUMES_ALLOWED_ROOTS", out.toString()); // the job's volume
    if (server == null) {
      server = FastciProcess.start("server", "server", dataDir, serverLog, env);
    } else {
      server.restart("server", dataDir, env);
    }
    api.awaitHealthy(server);
  }
}
