package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A job's container is never privileged: it cannot do what only a privileged container can. */
class UnprivilegedJobIntegrationTest extends EngineIntegrationTest {

  @Test
  void aRunningJobsContainerIsNotPrivilegedAndCannotMount() throws Exception {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "unprivileged",
             "jobs": [
               {"name": "try-mount", "image": "busybox:latest",
                "command": ["sh", "-c",
                  "if mount -t tmpfs none /mnt; then echo MOUNTED; else echo REFUSED; fi; sleep 3"]}
             ]}
            """);

    AtomicReference<InspectContainerResponse> inspected = new AtomicReference<>();
    try (DockerClient docker = DockerClients.streaming()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                List<Container> running = DockerEngine.fastciContainers(run.runId());
                if (running.isEmpty() || !"running".equals(running.get(0).getState())) {
                  return false;
                }
                inspected.set(docker.inspectContainerCmd(running.get(0).getId()).exec());
                return true;
              });
    }
    PipelineState end = run.await();

    assertThat(inspected.get().getHostConfig().getPrivileged())
        .as("HostConfig.Privileged of the running job")
        .isFalse();
    assertThat(end.job("try-mount").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(engine.logText(run.runId(), "try-mount"))
        .contains("REFUSED")
        .doesNotContain("MOUNTED");
    assertNoContainersOf(run.runId());
  }
}
