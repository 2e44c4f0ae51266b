package dev.fastci.server;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.backend.docker.HolderNames;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** Looks at a job's container on the Docker engine, by its labels. */
final class JobContainersOnDocker {
  private JobContainersOnDocker() {}

  static boolean isRunning(String runId, String job, int attempt) {
    try (DockerClient docker = DockerClients.streaming()) {
      return docker
          .listContainersCmd()
          .withLabelFilter(
              Map.of(Labels.RUN, runId, Labels.JOB, job, Labels.ATTEMPT, Integer.toString(attempt)))
          .exec()
          .stream()
          .anyMatch(c -> "running".equals(c.getState()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Force-removes whatever containers of the run are left, so a failed test does not leave a job
   * running that later tests (which check the whole engine) would trip over.
   */
  static void removeAllOf(String runId) {
    try (DockerClient docker = DockerClients.streaming()) {
      for (Container container : DockerEngine.fastciContainers(runId)) {
        try {
          docker.removeContainerCmd(container.getId()).withForce(true).exec();
        } catch (NotFoundException gone) {
          // removed meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Force-removes the warm pool of run network holders that a worker of that host left. */
  static void removeNetworkPoolOf(String hostId) {
    try (DockerClient docker = DockerClients.streaming()) {
      for (Container pooled :
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(HolderNames.LABEL_POOL_HOST, hostId))
              .exec()) {
        try {
          docker.removeContainerCmd(pooled.getId()).withForce(true).exec();
        } catch (NotFoundException gone) {
          // removed meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void awaitRunning(String runId, String job, int attempt) {
    await()
        .alias("container of job " + job + " (attempt " + attempt + ") of run " + runId + " runs")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> isRunning(runId, job, attempt));
  }
}
