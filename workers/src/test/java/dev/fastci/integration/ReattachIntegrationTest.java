package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.docker.DockerBackend;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.RunIds;
import dev.fastci.job.JobActivitiesImpl;
import dev.fastci.job.JobContainers;
import dev.fastci.logs.LogFiles;
import dev.fastci.spec.JobSpec;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retried job activity finds the container its previous attempt started and follows it to its end
 * instead of starting the job a second time.
 */
@ExtendWith(DockerEngine.class)
class ReattachIntegrationTest {
  private DockerClient docker;
  private DockerBackend backend;
  private TestActivityEnvironment activities;

  @BeforeEach
  void setUp() {
    docker = DockerClients.streaming();
    backend = DockerBackend.perJob(docker, docker, LocalEngine.HOST_ID);
    activities = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() throws Exception {
    activities.close();
    docker.close();
  }

  @Test
  void retriedActivityReattachesToTheStartedContainerInsteadOfStartingItAgain(
      @TempDir Path out, @TempDir Path dataDir) throws Exception {
    String runId = RunIds.newId();
    JobSpec job =
        new JobSpec(
            "once",
            DockerEngine.IMAGE,
            List.of("sh", "-c", "echo ran >> /out/count; sleep 1; echo finished"),
            List.of(out + ":/out"),
            null,
            null);
    JobRequest request = new JobRequest(runId, 1, job, null, null, false);
    // What the previous attempt did before its worker went away: create and start the container.
    JobContainer previous =
        backend.createOrFind(
            backend.setUpRun(runId), JobContainers.specFor(request, LocalEngine.HOST_ID));
    backend.start(previous);

    LogFiles logs = new LogFiles(dataDir);
    activities.registerActivitiesImplementations(
        new JobActivitiesImpl(backend, logs, LocalEngine.HOST_ID));
    JobActivities retry =
        activities.newActivityStub(
            JobActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
    JobResult result = retry.runJob(request);

    assertThat(result.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(logs.jobLog(runId, "once", 1))).isEqualTo("finished\n");
    assertThat(Files.readAllLines(out.resolve("count"))).containsExactly("ran");
    assertNoContainersOf(runId);
  }
}
