package dev.fastci.cli;

import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
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
    WorkerConfig config;
    try {
      config = settings.workerConfig().withLogServer(settings.logServer());
    } catch (IllegalArgumentException badSetting) {
      err.println("fastci worker: " + badSetting.getMessage());
      return FastciMain.USAGE;
    }
    if (settings.logServer() == null) {
      err.println(
          "fastci worker: FASTCI_WORKER_SERVER_URL is not set: job logs stay in "
              + settings.dataDir()
              + " on this host and the server cannot show them");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Engine engine = Engine.start(settings.temporalTarget(), config, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf(
          "fastci worker %s serving %s (up to %d parallel jobs)%s%n",
          settings.hostId(),
          settings.temporalTarget(),
          settings.maxParallelJobs(),
          settings.logServer() == null ? "" : ", logs to " + settings.logServer().url());
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return FastciMain.OK;
  }
}
