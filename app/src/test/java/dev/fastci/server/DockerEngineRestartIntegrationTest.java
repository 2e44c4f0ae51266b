package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.backend.docker.HolderNames;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Docker engine is killed ({@code kill -9} of dockerd) while a job runs, and started again as
 * {@code .ci/run} starts it ({@code scripts/start-docker.sh}). The running job ends in ERROR, its
 * child is skipped, the run ends FAILED within a minute of the engine answering, the janitor leaves
 * nothing of the run on the engine, and the next run succeeds.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + DockerEngineRestartIntegrationTest.TOKEN,
      "fastci.worker.host-id=restart-host",
      "fastci.janitor.every=2s",
      "fastci.runs.reconcile-every=5s"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DockerEngineRestartIntegrationTest {
  static final String TOKEN = "restart-token";
  private static final String START_SCRIPT = "scripts/start-docker.sh";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;

  @AfterEach
  void theEngineRunsAgainWhateverHappened() throws Exception {
    startDocker();
  }

  @Test
  void aRunWhoseEngineRestartsEndsFailedLeavesNothingAndTheNextRunSucceeds() throws Exception {
    ServerApi api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    String id =
        api.submit(
            "{\"name\": \"dk\", \"jobs\": ["
                + "{\"name\": \"long\", \"image\": \"busybox:latest\", \"command\": \"sleep 30\"},"
                + "{\"name\": \"next\", \"image\": \"busybox:latest\", \"command\": \"true\"}],"
                + " \"parents\": {\"next\": [\"long\"]}}");
    api.awaitJob(id, "long", "RUNNING");
    Thread.sleep(3000);

    killDocker();
    Thread.sleep(2000);
    startDocker();
    long answering = System.nanoTime();

    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(60));
    long endedAfterMillis = (System.nanoTime() - answering) / 1_000_000;
    System.out.printf(
        "FIGURES engine restart: the run ended %d ms after dockerd answered%n", endedAfterMillis);
    assertThat(end.get("status").asText()).isEqualTo("FAILED");
    JsonNode long_ = ServerApi.job(end, "long");
    assertThat(long_.get("status").asText()).isEqualTo("ERROR");
    assertThat(long_.get("error").asText()).contains("did the Docker engine restart?");
    assertThat(ServerApi.job(end, "next").get("status").asText()).isEqualTo("SKIPPED");
    for (JsonNode job : end.get("jobs")) {
      assertThat(job.get("status").asText()).as(job.toString()).isNotIn("RUNNING", "PENDING");
    }

    try (DockerClient docker = DockerClients.streaming()) {
      await()
          .alias("the run's containers and network holder are gone after the janitor's sweep")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> leftOf(docker, id).isEmpty());
    }

    String next =
        api.submit(
            "{\"name\": \"after\", \"jobs\": [{\"name\": \"hello\", \"image\":"
                + " \"busybox:latest\", \"command\": \"echo after the restart\"}]}");
    JsonNode after = api.awaitEnd(next);
    assertThat(after.get("status").asText()).as(after.toString()).isEqualTo("SUCCEEDED");
    assertThat(api.log(next, "hello", null)).contains("after the restart");
  }

  /**
   * With {@code retry.when} including {@code error} (language v2), the job that the restart
   * interrupted ends its try in ERROR, Temporal runs its next tries (3 s, 6 s, 12 s later: a try
   * while the engine is still down ends in ERROR too) until the engine answers, and the run
   * succeeds. With one retry a second later, the engine was still down for it once in a full build.
   */
  @Test
  void aJobThatRetriesOnErrorSucceedsAfterTheEngineRestarts() throws Exception {
    ServerApi api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
    String id =
        api.submit(
            "{\"name\": \"dk-retry\", \"jobs\": [{\"name\": \"long\", \"image\":"
                + " \"busybox:latest\", \"command\": [\"sh\", \"-c\", \"sleep 8; echo done\"],"
                + " \"retry\": {\"max\": 4, \"when\": [\"error\"], \"backoff_secs\": 3}}]}");
    api.awaitJob(id, "long", "RUNNING");
    Thread.sleep(3000);

    killDocker();
    Thread.sleep(2000);
    startDocker();

    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(90));
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(end, "long").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.log(id, "long", null)).contains("done");
  }

  /** The run's job containers (by label) and its network holder (by name), in any state. */
  private static List<String> leftOf(DockerClient docker, String runId) {
    List<String> left = new ArrayList<>();
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Labels.RUN, runId))
            .exec()) {
      left.add(c.getNames()[0]);
    }
    for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
      if (runId.equals(HolderNames.runOf(c.getNames()[0].replaceFirst("^/", "")))) {
        left.add(c.getNames()[0]);
      }
    }
    return left;
  }

  private static void killDocker() throws Exception {
    Process kill = new ProcessBuilder("pkill", "-9", "-x", "dockerd").inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("pkill -9 -x dockerd found the engine").isZero();
  }

  /** As .ci/run starts it: the script removes the stale pid file and waits until it answers. */
  private static void startDocker() throws IOException, InterruptedException {
    Path root = DockerEngine.repoRoot();
    Process start =
        new ProcessBuilder("sh", root.resolve(START_SCRIPT).toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(start.exitValue()).as(START_SCRIPT + ": " + output).isZero();
  }
}
