package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.SpecFormat;
import dev.fastci.worker.Engine;
import dev.fastci.worker.FastciWorker;
import dev.fastci.worker.WorkerConfig;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run whose workflow closed without recording its end is ended by the server: FAILED, with the
 * reason as its error and as an event, and none of its jobs left RUNNING or PENDING. The server
 * runs no worker of its own here; a worker on the dummy backend serves its embedded Temporal.
 */
@SpringBootTest(
    properties = {
      "fastci.api-token=reconcile-token",
      "fastci.worker.enabled=false",
      "fastci.runs.reconcile-every=1h" // the test sweeps itself
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RunReconcilerTest {
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @Autowired Engine engine;
  @Autowired RunStore store;
  @Autowired RunService runs;
  @Autowired RunControls controls;
  @Autowired PipelineClient pipelines;
  @Autowired RunReconciler reconciler;

  private final DummyBackend backend = new DummyBackend("dummy-host");
  private FastciWorker worker;

  @BeforeEach
  void startAWorker() {
    worker =
        new FastciWorker(engine.client(), new WorkerConfig(dataDir, "dummy-host", 4), backend)
            .start();
  }

  @AfterEach
  void stopTheWorker() {
    worker.close();
    backend.close();
    assertThat(backend.journal().violations()).as("calls out of order").isEmpty();
  }

  @Test
  void aRunWhoseWorkflowFailsOnABugInItsCodeEndsFailedWithTheReason() {
    String id = "bug-run";
    store.insert(id, "p", oneJob("a", 0), "{\"type\":\"api\"}", Instant.now());
    // No spec: the workflow's code meets a null where it never expects one, as a bug would.
    pipelines.begin(new PipelineRun(id, null, 1, List.of(), null, true));
    await().atMost(Duration.ofSeconds(10)).until(() -> pipelines.closedExecution(id).isPresent());

    assertThat(reconciler.sweep()).as("one sighting is not enough").isEmpty();
    assertThat(reconciler.sweep()).containsExactly(id);

    RunDetail run = runs.detail(id);
    assertThat(run.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(run.error()).startsWith("the run's workflow failed: ");
    assertThat(run.finishedAt()).isNotNull();
    assertThat(run.events()).extracting(RunEvent::message).contains(run.error());
    assertThat(run.jobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.status()).isEqualTo(JobStatus.SKIPPED);
              assertThat(job.error()).isEqualTo("the run's workflow ended before the job started");
            });
    assertThat(store.unfinishedIds()).doesNotContain(id);
  }

  @Test
  void aTerminatedRunEndsFailedAndItsRunningJobEndsInError() {
    String id = runs.submit(oneJob("long", 60_000), SpecFormat.JSON, Trigger.of("api"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runs.detail(id).jobs().get(0).status() == JobStatus.RUNNING);

    WorkflowStub.fromTyped(pipelines.workflow(id)).terminate("stopped by an operator");
    reconciler.sweep();
    reconciler.sweep();

    RunDetail run = runs.detail(id);
    assertThat(run.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(run.error()).isEqualTo("the run's workflow was terminated: stopped by an operator");
    assertThat(run.jobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.status()).isEqualTo(JobStatus.ERROR);
              assertThat(job.error()).isEqualTo("the run's workflow ended while the job ran");
            });
  }

  @Test
  void aRunThatGoesOnIsLeftAlone() {
    String id = runs.submit(oneJob("long", 60_000), SpecFormat.JSON, Trigger.of("api"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runs.detail(id).jobs().get(0).status() == JobStatus.RUNNING);

    assertThat(reconciler.sweep()).isEmpty();
    assertThat(reconciler.sweep()).isEmpty();
    assertThat(runs.detail(id).status()).isEqualTo(PipelineStatus.RUNNING);
    controls.cancel(id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runs.detail(id).status() == PipelineStatus.CANCELLED);
  }

  private static String oneJob(String name, int sleepMillis) {
    return "{\"name\":\"p\",\"jobs\":[{\"name\":\""
        + name
        + "\",\"image\":\"i\",\"command\":\"true\",\"env\":{\"DUMMY_SLEEP_MS\":\""
        + sleepMillis
        + "\"}}]}";
  }
}
