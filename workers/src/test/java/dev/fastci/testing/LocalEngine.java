package dev.fastci.testing;

import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import dev.fastci.logs.LogFiles;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import dev.fastci.util.Directories;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The embedded engine as the command line starts it: in-process Temporal plus a worker on the local
 * Docker engine, with a fresh data dir. One per test class; close it at the end.
 */
public final class LocalEngine implements AutoCloseable {
  public static final String HOST_ID = "test-host";

  /** No test pipeline should take longer; a hung run fails the test instead of the build. */
  public static final Duration RUN_LIMIT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final Engine engine;
  private final LogFiles logs;

  private LocalEngine(Path dataDir, UnaryOperator<WorkerConfig> configure) {
    this.dataDir = dataDir;
    this.engine =
        Engine.start(
            temporalTarget(), configure.apply(new WorkerConfig(dataDir, HOST_ID, 4)), true);
    this.logs = new LogFiles(dataDir);
  }

  /**
   * The Temporal the integration tests run on: {@code FASTCI_TEST_TEMPORAL_TARGET} (host:port of a
   * cluster, e.g. temporal-compose's) when it is set, else the embedded one.
   */
  public static String temporalTarget() {
    String target = System.getenv("FASTCI_TEST_TEMPORAL_TARGET");
    return target == null ? "" : target.strip();
  }

  public static LocalEngine start() {
    return start(UnaryOperator.identity());
  }

  /** An engine whose worker settings are changed first, e.g. its job limits or secrets. */
  public static LocalEngine start(UnaryOperator<WorkerConfig> configure) {
    try {
      return new LocalEngine(
          Files.createTempDirectory("fastci-it-").toAbsolutePath().normalize(), configure);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a spec the way a pipeline file is read. */
  public static PipelineSpec spec(String json) {
    return PipelineSpecParser.parse(json, SpecFormat.JSON);
  }

  /** A started run: its id (also the workflow id) and its final state once it ends. */
  public record Started(String runId, CompletableFuture<PipelineState> result) {
    public PipelineState await() {
      try {
        return result.get(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("run " + runId + " failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("run " + runId + " did not end within " + RUN_LIMIT, e);
      }
    }
  }

  /** Runs the pipeline to its end. */
  public PipelineState run(PipelineSpec spec) {
    return startAsync(spec).await();
  }

  public PipelineState run(String json) {
    return run(spec(json));
  }

  public Started startAsync(PipelineSpec spec) {
    RunHandle run = new PipelineClient(engine.client()).start(spec);
    return new Started(run.runId(), run.result());
  }

  public Started startAsync(String json) {
    return startAsync(spec(json));
  }

  /** A stub of a started run, for its query and signals. */
  public PipelineWorkflow stub(String runId) {
    return engine.client().newWorkflowStub(PipelineWorkflow.class, runId);
  }

  public Path log(String runId, String job, int attempt) {
    return logs.jobLog(runId, job, attempt);
  }

  /** The log of one try of a job attempt (a job with {@code retry}). */
  public Path log(String runId, String job, int attempt, int tryNumber) {
    return logs.jobLog(runId, job, attempt, tryNumber);
  }

  /** The job's first-attempt log, or "" when there is none. */
  public String logText(String runId, String job) {
    Path file = log(runId, job, 1);
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public WorkflowClient client() {
    return engine.client();
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      try {
        Directories.deleteRecursively(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("the test data dir could not be removed", e);
      }
    }
  }
}
