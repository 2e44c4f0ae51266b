package dev.fastci.workflow;

import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Docker engine that goes down mid-run (as after a {@code kill -9} of dockerd): the running job
 * ends in ERROR, its child is skipped, and the run's cleanup, which fails while the engine is down,
 * is tried again until it answers. The run then ends and leaves nothing behind.
 */
class CleanupWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;

  @Test
  void aRunWhoseEngineWentDownEndsAndCleansUpOnceTheEngineAnswersAgain(WorkflowClient client)
      throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run =
          harness.start(
              new PipelineRun(
                      "engine-restart",
                      spec(
                          "{'name':'dk','setup_pipeline_dir':true,'jobs':["
                              + "{'name':'long','image':'i','command':'sleep 30',"
                              + "'env':{'DUMMY_HOLD':'true'}},"
                              + "{'name':'next','image':'i','command':'true'}],"
                              + "'parents':{'next':['long']}}"),
                      1)
                  .withHostLostAfter(Duration.ofSeconds(30)));
      run.awaitJob("long", JobStatus.RUNNING);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.backend.isRunning("long-1"));

      harness.backend.engineDown();
      run.awaitJob("long", JobStatus.ERROR);
      // The job's own removal is refused, then the cleanup's first try, and after a pause its
      // second.
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> harness.backend.refusedCalls() >= 3);
      int refusedWhileDown = harness.backend.refusedCalls();
      harness.backend.engineUp();
      PipelineState end = run.await();

      assertThat(refusedWhileDown).as("removals tried while the engine was down").isGreaterThan(1);
      assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
      assertThat(end.job("long").error()).contains("lost the job's container");
      assertThat(end.job("next").status()).isEqualTo(JobStatus.SKIPPED);
      assertThat(end.events())
          .extracting(PipelineEvent::message)
          .anySatisfy(
              message ->
                  assertThat(message)
                      .startsWith("the run's cleanup could not remove its containers or dir")
                      .contains("Connection refused")
                      .contains("trying again until the Docker engine answers"));
      assertThat(harness.backend.journal().existing()).as("containers left behind").isEmpty();
      assertThat(Files.exists(dataDir.resolve("pipelines").resolve("engine-restart")))
          .as("the pipeline dir of a command line run is removed")
          .isFalse();
    }
  }
}
