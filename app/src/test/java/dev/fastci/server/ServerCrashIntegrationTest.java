package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private Process server;
  private ServerApi api;
  private Path serverLog;

  @BeforeEach
  void pickPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    serverLog = serverLogs.resolve("server.log");
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
    if (api != null) {
      api.submitted().forEach(JobContainersOnDocker::removeAllOf);
    }
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
      appendToLog("---- long runs: stopping the server ----");

      if (kill) {
        server.destroyForcibly(); // SIGKILL: nothing is cleaned up
      } else {
        server.destroy(); // SIGTERM: a graceful stop
      }
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped").isTrue();
      appendToLog("---- server stopped (" + (kill ? "SIGKILL" : "SIGTERM") + "), restarting ----");
      startServer();
      appendToLog("---- restarted ----");

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
      System.out.println("==== server output (" + serverLog + ") ====");
      System.out.println(
          Files.exists(serverLog) ? Files.readString(serverLog, StandardCharsets.UTF_8) : "(none)");
      throw failure;
    }
  }

  /** Starts {@code fastci server} in its own JVM and waits until /api/health answers. */
  private void startServer() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.fastci.cli.FastciMain",
                "server")
            .directory(dataDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.toFile()));
    builder.environment().put("FASTCI_DATA_DIR", dataDir.toString());
    builder.environment().put("FASTCI_API_TOKEN", TOKEN);
    builder.environment().put("FASTCI_WORKER_HOST_ID", "crash-host");
    builder.environment().put("FASTCI_VOLUMES_ALLOWED_ROOTS", out.toString()); // the job's volume
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("LOGGING_LEVEL_DEV_FASTCI", "INFO");
    server = builder.start();
    Process started = server;
    await()
        .alias("the server answers /api/health")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!started.isAlive()) {
                throw new IllegalStateException(
                    "the server exited with code " + started.exitValue());
              }
              try {
                HttpResponse<String> health = api.get("/api/health");
                return health.statusCode() == 200;
              } catch (UncheckedIOException notYet) {
                return false;
              }
            });
  }

  private void appendToLog(String line) throws IOException {
    Files.writeString(
        serverLog,
        java.time.Instant.now() + " " + line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
