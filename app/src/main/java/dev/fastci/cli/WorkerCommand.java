package dev.fastci.cli;

import dev.fastci.worker.Engine;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code fastci worker}: serves jobs for an existing Temporal cluster until stopped. */
final class WorkerCommand {
  private final CliSettings settings;
  private final PrintStream out;
  private final PrintStream err;

  WorkerCommand(CliSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length != 0) {
      err.println("usage: fastci worker");
      return FastciMain.USAGE;
    }
    if (settings.temporalTarget().isBlank()) {
      err.println(
          "fastci worker: set FASTCI_TEMPORAL_TARGET (host:port of the Temporal cluster); "
              + "a worker cannot join the embedded engine of another process");
      return FastciMain.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Engine engine = Engine.start(settings.temporalTarget(), settings.workerConfig(), true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf(
          "fastci worker %s serving %s (up to %d parallel jobs)%n",
          settings.hostId(), settings.temporalTarget(), settings.maxParallelJobs());
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return FastciMain.OK;
  }
}
