package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the data dir is a 16 MB tmpfs (the run store lives elsewhere, as on PostgreSQL in
 * production) and a job writes more log than fits. The job ends in ERROR saying the disk is full,
 * the server stays healthy, and once space is back the next run succeeds. Mounting needs root, as
 * CI has.
 */
@ExtendWith(DockerEngine.class)
class DiskFullIntegrationTest {
  private static final String TOKEN = "disk-token";

  @TempDir Path dataDir;
  @TempDir Path store;
  @TempDir Path logs;

  private final int port = FastciProcess.freePort();
  private final ServerApi api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  private FastciProcess server;

  @BeforeEach
  void smallDisk() throws Exception {
    run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dataDir.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (server != null) {
      server.close();
    }
    api.submitted().forEach(JobContainersOnDocker::removeAllOf);
    JobContainersOnDocker.removeNetworkPoolOf("disk-host");
    run("umount", "-l", dataDir.toString());
  }

  @Test
  void aJobWhoseLogDoesNotFitEndsInErrorAndTheServerGoesOn() throws Exception {
    try {
      server =
          FastciProcess.start(
              "server",
              "server",
              store,
              logs.resolve("server.log"),
              Map.of(
                  "FASTCI_DATA_DIR",
                  dataDir.toString(),
                  "SPRING_DATASOURCE_URL",
                  "jdbc:h2:file:" + store.resolve("fastci"),
                  "FASTCI_API_TOKEN",
                  TOKEN,
                  "FASTCI_WORKER_HOST_ID",
                  "disk-host",
                  "SERVER_PORT",
                  Integer.toString(port)));
      api.awaitHealthy(server);

      String flood =
          api.submit(
              """
              {"name": "flood", "jobs": [{"name": "flood", "image": "busybox:latest",
                "command": ["sh", "-c", "yes 0123456789012345678901234567890123456789 | head -c 40000000"]}]}
              """);
      JsonNode end = api.awaitEnd(flood, 1, Duration.ofMinutes(2));

      assertThat(end.get("status").asText()).as("%s", end).isEqualTo("FAILED");
      JsonNode job = ServerApi.job(end, "flood");
      assertThat(job.get("status").asText()).as("%s", job).isEqualTo("ERROR");
      assertThat(job.get("error").asText()).contains("No space left on device");
      assertThat(api.get("/api/health").statusCode()).isEqualTo(200);

      Directories.deleteRecursively(dataDir.resolve("logs").resolve(flood)); // space is back
      String next =
          api.submit(
              """
              {"name": "after", "jobs": [{"name": "after", "image": "busybox:latest",
                "command": "echo fits"}]}
              """);
      assertThat(api.awaitEnd(next).get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(api.log(next, "after", null)).isEqualTo("fits\n");
    } catch (Throwable failure) {
      if (server != null) {
        server.printOutput();
      }
      throw failure;
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (it needs root): " + output);
    }
  }
}
