package dev.fastci.workflow;

import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose host is gone moves to a live host (with a fresh pipeline dir) and says so in its
 * events; a host that is only busy keeps its runs. The only worker here is "test-host".
 */
class HostFailoverWorkflowTest {
  private static final Duration HOST_WAIT = Duration.ofSeconds(1);

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;

  @Test
  void aRunPinnedToALostHostGoesOnOnAnotherWithTheJobsThatHadNotSucceeded(WorkflowClient client)
      throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      var spec =
          spec(
              "{'name':'p','setup_pipeline_dir':true,'jobs':["
                  + "{'name':'a','image':'i','command':'true'},"
                  + "{'name':'b','image':'i','command':'true'},"
                  + "{'name':'c','image':'i','command':'true'}],'parents':{'c':['b']}}");
      JobState aSucceededOnTheLostHost =
          new JobState("a", JobStatus.SUCCEEDED, 0, 1, 1L, 2L, List.of(), null, "gone-host");
      PipelineRun resumed =
          new PipelineRun(
                  "failover-run", spec, 1, List.of(aSucceededOnTheLostHost), "gone-host", false)
              .withHostLostAfter(HOST_WAIT);

      PipelineState end = harness.start(resumed).await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.host()).isEqualTo("test-host");
      assertThat(end.job("a").host())
          .as("a succeeded before: not run again")
          .isEqualTo("gone-host");
      assertThat(end.job("b").host()).isEqualTo("test-host");
      assertThat(end.job("c").host()).isEqualTo("test-host");
      assertThat(harness.backend.journal().createdCount("a-1")).isZero();
      assertThat(end.events())
          .singleElement()
          .extracting(PipelineEvent::message)
          .asString()
          .contains("host gone-host lost")
          .contains("run again on host test-host")
          .contains("pipeline dir contents on gone-host are lost");
      assertThat(harness.backend.journal().existing()).isEmpty();
    }
  }

  @Test
  void aBusyHostKeepsItsRunAndEachJobRunsOnce(WorkflowClient client) throws Exception {
    try (WorkflowHarness oneJobAtATime = new WorkflowHarness(client, dataDir, 1)) {
      var spec =
          spec(
              "{'name':'p','jobs':["
                  + "{'name':'a','image':'i','command':'true','env':{'DUMMY_SLEEP_MS':'2500'}},"
                  + "{'name':'b','image':'i','command':'true','env':{'DUMMY_SLEEP_MS':'2500'}}]}");
      PipelineRun run = new PipelineRun("busy-run", spec, 1).withHostLostAfter(HOST_WAIT);

      PipelineState end = oneJobAtATime.start(run).await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.events()).as("a busy host is not lost").isEmpty();
      assertThat(end.jobs()).extracting(JobState::host).containsOnly("test-host");
      assertThat(oneJobAtATime.backend.journal().createdCount("a-1")).isEqualTo(1);
      assertThat(oneJobAtATime.backend.journal().createdCount("b-1")).isEqualTo(1);
      assertThat(oneJobAtATime.backend.journal().existing()).isEmpty();
    }
  }
}
