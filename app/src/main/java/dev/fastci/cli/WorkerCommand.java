package dev.fastci.cli;

import dev.fastci.backend.EngineUnavailableException;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fastci worker}: serves jobs for an existing Temporal cluster until stopped. */
@Command(
    name = "worker",
    customSynopsis = "usage: fastci worker",
    description =
        "Serves jobs for the Temporal cluster at FASTCI_TEMPORAL_TARGET until it is stopped,"
            + " sending their logs to the server at FASTCI_WORKER_SERVER_URL (with"
            + " FASTCI_API_TOKEN). FASTCI_WORKER_HOST_ID and FASTCI_WORKER_MAX_PARALLEL_JOBS"
            + " name the host and bound its jobs.",
    exitCodeListHeading = "%nexit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:a setting is missing or bad, or an argument was given",
      "3:no Docker engine answers"
    })
final class WorkerCommand implements Callable<Integer> {
  private final Supplier<CliSettings> settings;
  private final PrintStream out;
  private final PrintStream err;

  @Mixin HelpOption help;

  WorkerCommand(Supplier<CliSettings> settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  WorkerCommand(CliSettings settings, PrintStream out, PrintStream err) {
    this(() -> settings, out, err);
  }

  /** Parses the arguments of {@code fastci worker} and runs it. */
  int run(String... args) {
    return FastciMain.execute(new CommandLine(this), out, err, args);
  }

  @Override
  public Integer call() {
    CliSettings settings = this.settings.get();
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
    Engine started;
    try {
      started = Engine.start(settings.temporalTarget(), config, true);
    } catch (IllegalStateException hostIdInUse) {
      err.println("fastci worker: " + hostIdInUse.getMessage());
      return FastciMain.NOT_SUCCEEDED;
    }
    try (Engine engine = started) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf(
          "fastci worker %s serving %s (up to %d parallel jobs)%s%n",
          settings.hostId(),
          settings.temporalTarget(),
          settings.maxParallelJobs(),
          settings.logServer() == null ? "" : ", logs to " + settings.logServer().url());
      stopped.await();
    } catch (EngineUnavailableException e) {
      err.println("fastci worker: " + e.getMessage());
      return FastciMain.ENVIRONMENT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return FastciMain.OK;
  }
}
