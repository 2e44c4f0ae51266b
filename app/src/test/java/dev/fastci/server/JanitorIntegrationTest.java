package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.job.JobContainers;
import dev.fastci.server.janitor.Janitor;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The janitor of a real server on the real Docker engine: it removes a container and a pipeline dir
 * of runs this server's store does not know, and leaves alone a live run's container, another
 * server's container and a finished run's dir kept for retries.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"fastci.api-token=" + JanitorIntegrationTest.TOKEN, "fastci.worker.host-id=jn"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JanitorIntegrationTest {
  static final String TOKEN = "janitor-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired Janitor janitor;
  @Autowired FastciProperties properties;

  private static DockerClient docker;
  private final List<String> madeHere = new ArrayList<>();
  private ServerApi api;

  @BeforeAll
  static void dockerClient() {
    docker = DockerClients.streaming();
  }

  @AfterAll
  static void closeDocker() throws IOException {
    docker.close();
  }

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void removeLeftovers() {
    for (String id : madeHere) {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException gone) {
        // the janitor took it, as it should
      }
    }
    api.submitted().forEach(JobContainersOnDocker::removeAllOf);
  }

  /** Starts {@code sleep 60} with FastCI's labels, as a job container of that run would have. */
  private String startLabelled(String runId, String store) {
    Map<String, String> labels =
        Map.of(
            Labels.MANAGED, "true",
            Labels.RUN, runId,
            Labels.JOB, "job",
            Labels.ATTEMPT, "1",
            Labels.STORE, store);
    String id =
        docker
            .createContainerCmd(DockerEngine.IMAGE)
            .withName(JobContainers.containerName("janitor-host", runId, "job", 1))
            .withCmd("sleep", "60")
            .withLabels(labels)
            .exec()
            .getId();
    madeHere.add(id);
    docker.startContainerCmd(id).exec();
    return id;
  }

  private static boolean exists(String containerId) {
    try {
      docker.inspectContainerCmd(containerId).exec();
      return true;
    } catch (NotFoundException gone) {
      return false;
    }
  }

  private static String unknownRunId() {
    return "janitor-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void removesOrphansOfThisStoreAndLeavesLiveRunsAndOtherStoresAlone() throws Exception {
    String store = properties.storeLabel();
    // A live run: its job container runs while the janitor sweeps.
    String live =
        api.submit(
            """
            {"name": "live", "jobs": [{"name": "sleeper", "image": "busybox:latest",
              "command": "sleep 60"}]}
            """);
    // A finished run whose pipeline dir is kept for retries.
    String kept =
        api.submit(
            """
            {"name": "kept", "setup_pipeline_dir": true,
             "jobs": [{"name": "ok", "image": "busybox:latest", "command": "true"}]}
            """);
    assertThat(api.awaitEnd(kept).get("status").asText()).isEqualTo("SUCCEEDED");
    JobContainersOnDocker.awaitRunning(live, "sleeper", 1);

    String orphanRun = unknownRunId();
    String orphan = startLabelled(orphanRun, store);
    String ofEndedRun = startLabelled(kept, store);
    String otherServers = startLabelled(unknownRunId(), "/some/other/server/data");
    Path orphanDir = Files.createDirectories(dataDir.resolve("pipelines").resolve(orphanRun));
    Files.writeString(orphanDir.resolve("left-over"), "x");
    Files.setLastModifiedTime(
        orphanDir, FileTime.from(Instant.now().minus(Duration.ofHours(2)))); // abandoned

    Janitor.Report report = janitor.sweep();
    System.out.println("janitor sweep removed: " + report);

    assertThat(exists(orphan)).as("orphan container of an unknown run").isFalse();
    assertThat(exists(ofEndedRun)).as("container of a run that ended").isFalse();
    assertThat(orphanDir).as("pipeline dir of an unknown run").doesNotExist();
    assertThat(report.containers())
        .containsExactlyInAnyOrder(
            JobContainers.containerName("janitor-host", orphanRun, "job", 1),
            JobContainers.containerName("janitor-host", kept, "job", 1));
    assertThat(report.pipelineDirs()).containsExactly(orphanRun);

    assertThat(JobContainersOnDocker.isRunning(live, "sleeper", 1))
        .as("the live run's container")
        .isTrue();
    assertThat(exists(otherServers)).as("another server's container").isTrue();
    assertThat(dataDir.resolve("pipelines").resolve(kept))
        .as("a finished run's dir, kept for retries")
        .isDirectory();

    assertThat(api.post("/api/pipelines/" + live + "/cancel", null).statusCode()).isEqualTo(202);
    assertThat(api.awaitEnd(live).get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void theServerLabelsItsJobContainersWithItsStore() {
    String id =
        api.submit(
            """
            {"name": "labelled", "jobs": [{"name": "sleeper", "image": "busybox:latest",
              "command": "sleep 60"}]}
            """);
    JobContainersOnDocker.awaitRunning(id, "sleeper", 1);

    List<Container> containers = DockerEngine.fastciContainers(id); // the job's, and its network's

    assertThat(containers).filteredOn(c -> c.getLabels().containsKey(Labels.JOB)).hasSize(1);
    assertThat(containers)
        .allSatisfy(
            c -> assertThat(c.getLabels()).containsEntry(Labels.STORE, properties.storeLabel()));
    assertThat(api.post("/api/pipelines/" + id + "/cancel", null).statusCode()).isEqualTo(202);
    api.awaitEnd(id);
  }
}
