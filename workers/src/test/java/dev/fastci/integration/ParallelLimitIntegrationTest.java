package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import dev.fastci.worker.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker with max-parallel-jobs 2 never runs more than two job containers at once. */
@ExtendWith(DockerEngine.class)
class ParallelLimitIntegrationTest {

  @Test
  void sixIndependentJobsRunAtMostTwoAtATimeAndAllSucceed() throws Exception {
    String jobs =
        IntStream.rangeClosed(1, 6)
            .mapToObj(
                i ->
                    "{\"name\": \"j"
                        + i
                        + "\", \"image\": \"busybox:latest\", \"command\": \"sleep 1\"}")
            .collect(Collectors.joining(", "));
    try (LocalEngine engine =
            LocalEngine.start(
                c ->
                    new WorkerConfig(
                        c.dataDir(),
                        c.hostId(),
                        2,
                        c.pipelineDirRetention(),
                        c.store(),
                        c.jobLimits(),
                        c.secrets(),
                        c.logServer(),
                        c.cacheLimits()));
        DockerClient docker = DockerClients.streaming()) {
      LocalEngine.Started run =
          engine.startAsync("{\"name\": \"limited\", \"jobs\": [" + jobs + "]}");
      Map<String, String> labels = Map.of(Labels.MANAGED, "true", Labels.RUN, run.runId());

      int most = 0;
      List<Integer> samples = new ArrayList<>();
      while (!run.result().isDone()) {
        int running =
            docker
                .listContainersCmd()
                .withStatusFilter(List.of("running"))
                .withLabelFilter(labels)
                .exec()
                .size();
        samples.add(running);
        most = Math.max(most, running);
        Thread.sleep(100);
      }
      PipelineState end = run.await();

      System.out.printf(
          "FIGURES parallel limit: max-parallel-jobs=2, 6 x sleep 1: at most %d running at once"
              + " over %d samples, run took %d ms%n",
          most, samples.size(), end.finishedAt() - end.startedAt());
      assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.jobs()).extracting(JobState::status).containsOnly(JobStatus.SUCCEEDED);
      assertThat(end.jobs()).hasSize(6);
      assertThat(most).as("containers running at once (samples %s)", samples).isEqualTo(2);
      assertNoContainersOf(run.runId());
    }
  }
}
