package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import dev.fastci.worker.FastciWorker;
import dev.fastci.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A FastCI worker on the dummy backend on a test Temporal environment, and helpers to drive runs.
 * Closing it fails when the backend saw a call out of order.
 */
final class WorkflowHarness implements AutoCloseable {
  final DummyBackend backend = new DummyBackend("test-host");
  private final WorkflowClient client;
  private final FastciWorker worker;

  WorkflowHarness(WorkflowClient client, Path dataDir) {
    this(client, dataDir, 8);
  }

  /** A worker of host "test-host" that runs up to {@code maxParallelJobs} jobs at once. */
  WorkflowHarness(WorkflowClient client, Path dataDir, int maxParallelJobs) {
    this.client = client;
    this.worker =
        new FastciWorker(client, new WorkerConfig(dataDir, "test-host", maxParallelJobs), backend)
            .start();
  }

  /** A pipeline from JSON; jobs are dummy containers driven by their DUMMY_* env. */
  static PipelineSpec spec(String json) {
    return PipelineSpecParser.parse(json.replace('\'', '"'), SpecFormat.JSON);
  }

  record Started(RunHandle handle) {
    PipelineWorkflow workflow() {
      return handle.workflow();
    }

    PipelineState await() throws Exception {
      return handle.result().get(30, TimeUnit.SECONDS);
    }

    void awaitJob(String job, JobStatus status) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> workflow().state() != null && workflow().state().job(job).status() == status);
    }

    void awaitService(String service, ServiceStatus status) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  workflow().state() != null
                      && workflow().state().services().stream()
                          .anyMatch(s -> s.name().equals(service) && s.status() == status));
    }
  }

  Started start(PipelineSpec spec) {
    return new Started(new PipelineClient(client).start(spec));
  }

  Started start(PipelineRun run) {
    return new Started(new PipelineClient(client).start(run));
  }

  PipelineState run(String json) throws Exception {
    return start(spec(json)).await();
  }

  @Override
  public void close() {
    worker.close();
    backend.close();
    assertThat(backend.journal().violations()).as("calls out of order").isEmpty();
  }
}
