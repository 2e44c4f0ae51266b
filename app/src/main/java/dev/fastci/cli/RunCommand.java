package dev.fastci.cli;

import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.worker.Engine;
import dev.fastci.workflow.PipelineState;
import dev.fastci.workflow.PipelineStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fastci run FILE}: validates the spec, runs it on an engine in this process and follows it
 * until it ends. Ctrl-C cancels the run and waits until its containers are gone.
 */
final class RunCommand {
  private final CliSettings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch summaryPrinted = new CountDownLatch(1);

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
      summaryPrinted.countDown();
      return end.status() == PipelineStatus.SUCCEEDED ? FastciMain.OK : FastciMain.NOT_SUCCEEDED;
    }
  }

  private PipelineState runAndFollow(WorkflowClient client, PipelineSpec spec) {
    RunHandle run = new PipelineClient(client).start(spec);
    int jobs = spec.jobs().size();
    out.printf(
        "fastci: run %s of pipeline \"%s\" (%d job%s)%n",
        run.runId(), spec.name(), jobs, jobs == 1 ? "" : "s");
    Thread cancelOnInterrupt = new Thread(() -> cancelAndWait(run));
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    try {
      return new RunFollower(run.workflow(), settings.dataDir(), out).follow(run.result());
    } finally {
      removeHook(cancelOnInterrupt);
    }
  }

  /** On Ctrl-C: cancel the run and wait until its activities have removed their containers. */
  private void cancelAndWait(RunHandle run) {
    if (run.result().isDone()) {
      return;
    }
    err.println("fastci: interrupted, cancelling the run...");
    run.cancel();
    try {
      run.result().get(30, TimeUnit.SECONDS);
      summaryPrinted.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
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
