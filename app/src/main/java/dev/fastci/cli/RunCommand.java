package dev.fastci.cli;

import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.worker.Engine;
import dev.fastci.worker.TaskQueues;
import dev.fastci.workflow.PipelineRun;
import dev.fastci.workflow.PipelineState;
import dev.fastci.workflow.PipelineStatus;
import dev.fastci.workflow.PipelineWorkflow;
import dev.fastci.workflow.RunIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code fastci run FILE}: validates the spec, runs it on an engine in this process and follows it
 * until it ends. Ctrl-C cancels the run and waits until its containers are gone.
 */
final class RunCommand {
  private final CliSettings settings;
  private final PrintStream out;
  private final PrintStream err;

  RunCommand(CliSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length != 1) {
      err.println("usage: fastci run FILE");
      return FastciMain.USAGE;
    }
    PipelineSpec spec;
    try {
      spec = SpecFiles.read(Path.of(args[0]));
    } catch (InvalidSpecException e) {
      ValidateCommand.printErrors(err, args[0], e.errors());
      return FastciMain.USAGE;
    }
    try (Engine engine = Engine.start(settings.temporalTarget(), settings.workerConfig(), true)) {
      PipelineState end = runAndFollow(engine.client(), spec);
      new SummaryTable(out).print(end);
      return end.status() == PipelineStatus.SUCCEEDED ? FastciMain.OK : FastciMain.NOT_SUCCEEDED;
    }
  }

  private PipelineState runAndFollow(WorkflowClient client, PipelineSpec spec) {
    String runId = RunIds.newId();
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(TaskQueues.PIPELINES)
                .build());
    out.printf(
        "fastci: run %s of pipeline \"%s\" (%d job%s)%n",
        runId, spec.name(), spec.jobs().size(), spec.jobs().size() == 1 ? "" : "s");
    CompletableFuture<PipelineState> result =
        WorkflowClient.execute(workflow::run, new PipelineRun(runId, spec, 1));
    Thread cancelOnInterrupt = new Thread(() -> cancelAndWait(workflow, result));
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    try {
      return new RunFollower(workflow, settings.dataDir(), out).follow(result);
    } finally {
      removeHook(cancelOnInterrupt);
    }
  }

  /** On Ctrl-C: cancel the run and wait until its activities have removed their containers. */
  private void cancelAndWait(PipelineWorkflow workflow, CompletableFuture<PipelineState> result) {
    if (result.isDone()) {
      return;
    }
    err.println("fastci: interrupted, cancelling the run...");
    WorkflowStub.fromTyped(workflow).cancel();
    try {
      result.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("fastci: the run did not end cleanly: " + e.getMessage());
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or ran: nothing to remove
    }
  }
}
