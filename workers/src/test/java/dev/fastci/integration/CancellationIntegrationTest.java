package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fastci.backend.Labels;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.PipelineWorkflow;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancelling a whole run or one job kills real containers within seconds. */
class CancellationIntegrationTest extends EngineIntegrationTest {

  @Test
  void cancellingTheRunKillsTheRunningContainerWithinTwoSecondsAndNeverStartsTheRest() {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "cancel-run",
             "jobs": [
               {"name": "long", "image": "busybox:latest", "command": "sleep 60"},
               {"name": "after", "image": "busybox:latest", "command": "true"},
               {"name": "last", "image": "busybox:latest", "command": "true"}
             ],
             "parents": {"after": ["long"], "last": ["after"]}}
            """);
    awaitRunningContainer(run.runId(), "long");

    long cancelledAt = System.nanoTime();
    WorkflowStub.fromTyped(engine.stub(run.runId())).cancel();
    // far sooner than the job's sleep 60 (the cancel latency is measured at p95 by the timing
    // test of ServerRobustnessIntegrationTest)
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> DockerEngine.fastciContainers(run.runId()).isEmpty());
    long goneAfterMs = (System.nanoTime() - cancelledAt) / 1_000_000;

    System.out.println("run cancel: container gone after " + goneAfterMs + " ms");
    PipelineState end = run.await();
    assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(end.finishedAt()).isNotNull();
    assertThat(end.job("long").status()).as("%s", end).isEqualTo(JobStatus.CANCELLED);
    assertThat(end.job("after").status())
        .as("%s", end)
        .isIn(JobStatus.CANCELLED, JobStatus.SKIPPED);
    assertThat(end.job("last").status()).as("%s", end).isIn(JobStatus.CANCELLED, JobStatus.SKIPPED);
    assertThat(end.job("after").startedAt()).isNull();
    assertThat(end.job("last").startedAt()).isNull();
    assertNoContainersOf(run.runId());
  }

  @Test
  void cancellingOneJobSkipsItsDescendantsWhileAnIndependentBranchSucceeds() {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "cancel-job",
             "jobs": [
               {"name": "long", "image": "busybox:latest", "command": "sleep 60"},
               {"name": "child", "image": "busybox:latest", "command": "true"},
               {"name": "other", "image": "busybox:latest", "command": "sleep 2"},
               {"name": "other-child", "image": "busybox:latest", "command": "true"}
             ],
             "parents": {"child": ["long"], "other-child": ["other"]}}
            """);
    awaitRunningContainer(run.runId(), "long");
    PipelineWorkflow workflow = engine.stub(run.runId());

    long cancelledAt = System.nanoTime();
    workflow.cancelJob("long");
    // far sooner than the job's sleep 60
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !hasContainer(run.runId(), "long"));
    long goneAfterMs = (System.nanoTime() - cancelledAt) / 1_000_000;

    System.out.println("cancelJob: container gone after " + goneAfterMs + " ms");
    PipelineState end = run.await();
    assertThat(end.job("long").status()).as("%s", end).isEqualTo(JobStatus.CANCELLED);
    assertThat(end.job("child").status()).as("%s", end).isEqualTo(JobStatus.SKIPPED);
    assertThat(end.job("child").startedAt()).isNull();
    assertThat(end.job("other").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(end.job("other-child").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    // DESIGN: CANCELLED when every job that did not succeed was cancelled or skipped because of
    // a cancellation.
    assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.CANCELLED);
    assertNoContainersOf(run.runId());
  }

  private static void awaitRunningContainer(String runId, String job) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                engine.stub(runId).state() != null
                    && engine.stub(runId).state().job(job).status() == JobStatus.RUNNING
                    && DockerEngine.fastciContainers(runId).stream()
                        .anyMatch(
                            c ->
                                "running".equals(c.getState())
                                    && job.equals(c.getLabels().get(Labels.JOB))));
  }

  private static boolean hasContainer(String runId, String job) {
    return DockerEngine.fastciContainers(runId).stream()
        .anyMatch(c -> job.equals(c.getLabels().get(Labels.JOB)));
  }
}
