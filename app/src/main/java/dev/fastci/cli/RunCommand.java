package dev.fastci.cli;

import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.SpecFormat;
import dev.fastci.worker.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code fastci run FILE [--server URL]}: validates the spec, runs it (on an engine in this
 * process, or on a server) and follows it until it ends. Ctrl-C cancels the run and waits until its
 * containers are gone.
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
    String file = null;
    String server = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--server") && i + 1 < args.length) {
        server = args[++i];
      } else if (file == null && !args[i].startsWith("--")) {
        file = args[i];
      } else {
        return usage();
      }
    }
    if (file == null) {
      return usage();
    }
    PipelineSpec spec;
    try {
      spec = SpecFiles.read(Path.of(file));
      if (server == null) {
        // a server checks the paths itself, against its own host and settings
        settings.hostPathPolicy().enforce(spec);
      }
    } catch (InvalidSpecException e) {
      ValidateCommand.printErrors(err, file, e.errors());
      return FastciMain.USAGE;
    } catch (IllegalArgumentException badSetting) {
      err.println("fastci: " + badSetting.getMessage());
      return FastciMain.USAGE;
    }
    try {
      PipelineState end = server == null ? runHere(spec) : runOnServer(Path.of(file), server, spec);
      new SummaryTable(out).print(end);
      summaryPrinted.countDown();
      return end.status() == PipelineStatus.SUCCEEDED ? FastciMain.OK : FastciMain.NOT_SUCCEEDED;
    } catch (InvalidSpecException e) {
      ValidateCommand.printErrors(err, file, e.errors());
      return FastciMain.USAGE;
    } catch (IOException e) {
      err.println("fastci: " + e.getMessage());
      return FastciMain.NOT_SUCCEEDED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FastciMain.NOT_SUCCEEDED;
    }
  }

  private PipelineState runHere(PipelineSpec spec) throws IOException, InterruptedException {
    try (Engine engine = Engine.start(settings.temporalTarget(), settings.workerConfig(), true)) {
      RunHandle run = new PipelineClient(engine.client()).start(spec);
      announce(run.runId(), spec);
      return follow(new LocalRunSource(run, settings.dataDir()), run::cancel, run.runId());
    }
  }

  private PipelineState runOnServer(Path file, String url, PipelineSpec spec)
      throws IOException, InterruptedException {
    ServerClient server = new ServerClient(url, apiToken());
    String text = Files.readString(file);
    String id = server.submit(text, SpecFormat.forFileName(file.toString()) == SpecFormat.YAML);
    announce(id, spec);
    return follow(
        new RemoteRunSource(server, id),
        () -> {
          try {
            server.cancel(id);
          } catch (IOException | InterruptedException e) {
            err.println("fastci: could not cancel run " + id + ": " + e.getMessage());
          }
        },
        id);
  }

  private void announce(String runId, PipelineSpec spec) {
    int jobs = spec.jobs().size();
    out.printf(
        "fastci: run %s of pipeline \"%s\" (%d job%s)%n",
        runId, spec.name(), jobs, jobs == 1 ? "" : "s");
  }

  /** Follows the run; on Ctrl-C, cancels it and waits for its end and the summary. */
  private PipelineState follow(RunSource source, Runnable cancel, String runId)
      throws IOException, InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    Thread cancelOnInterrupt =
        new Thread(
            () -> {
              if (ended.getCount() == 0) {
                return;
              }
              err.println("fastci: interrupted, cancelling run " + runId + "...");
              cancel.run();
              try {
                ended.await(30, TimeUnit.SECONDS);
                summaryPrinted.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    try {
      return new RunFollower(source, out).follow();
    } finally {
      ended.countDown();
      removeHook(cancelOnInterrupt);
    }
  }

  private String apiToken() throws IOException {
    String token = System.getenv("FASTCI_API_TOKEN");
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    Path file = settings.dataDir().resolve("api-token");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    throw new IOException(
        "no API token: set FASTCI_API_TOKEN (the server printed it on its first start into "
            + file
            + ")");
  }

  private int usage() {
    err.println("usage: fastci run FILE [--server URL]");
    return FastciMain.USAGE;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or ran: nothing to remove
    }
  }
}
