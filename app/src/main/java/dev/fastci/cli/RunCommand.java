package dev.fastci.cli;

import dev.fastci.backend.EngineUnavailableException;
import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.RunIds;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.RunVariables;
import dev.fastci.spec.SpecFormat;
import dev.fastci.worker.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fastci run FILE [--server URL] [--branch BRANCH]}: validates the spec, runs it (on an
 * engine in this process, or on a server) and follows it until it ends. Ctrl-C cancels the run and
 * waits until its containers are gone.
 */
@Command(
    name = "run",
    customSynopsis =
        "usage: fastci run FILE [--server URL] [--branch BRANCH] [--param NAME=VALUE]...",
    description =
        "Validates the pipeline, runs it on the embedded engine in this process (or on a server)"
            + " and follows it: a line per job state change, every log line prefixed with its"
            + " job's name, a summary table at the end. Ctrl-C cancels the run and waits until its"
            + " containers are gone.",
    exitCodeListHeading = "%nexit codes:%n",
    exitCodeList = {
      "0:the run succeeded",
      "1:it did not, or the server could not be reached",
      "2:the spec, a setting or an argument is bad (nothing ran)",
      "3:no Docker engine answers (nothing ran)"
    })
final class RunCommand implements Callable<Integer> {
  private final Supplier<CliSettings> settings;
  private final PrintStream out;
  private final PrintStream err;
  private final RunFollowing following;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "the pipeline spec, JSON or YAML")
  String file;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "run it on this FastCI server and follow it through its API, with the token of"
              + " FASTCI_API_TOKEN or <data dir>/api-token")
  String server;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      description =
          "the run's branch, for the jobs' when.branch conditions (a run started here has the"
              + " event manual)")
  String branch;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "a parameter of the pipeline; repeat for each (the others take their default)")
  Map<String, String> params = new LinkedHashMap<>();

  RunCommand(Supplier<CliSettings> settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.following = new RunFollowing(out, err);
  }

  @Override
  public Integer call() {
    CliSettings settings = this.settings.get();
    PipelineSpec spec;
    try {
      spec = SpecFiles.read(Path.of(file), RunVariables.of(params, branch));
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
    Engine engine = null;
    boolean ended = false;
    try {
      if (server == null) {
        engine = Engine.startForOneRun(settings.temporalTarget(), settings.runWorkerConfig());
      }
      PipelineState end =
          engine != null
              ? runHere(engine, spec, settings)
              : runOnServer(Path.of(file), server, spec, settings.dataDir());
      new SummaryTable(out).print(end);
      following.summaryPrinted();
      ended = end.status().isFinal();
      return end.status() == PipelineStatus.SUCCEEDED ? FastciMain.OK : FastciMain.NOT_SUCCEEDED;
    } catch (InvalidSpecException e) {
      ValidateCommand.printErrors(err, file, e.errors());
      return FastciMain.USAGE;
    } catch (EngineUnavailableException e) {
      err.println("fastci: " + e.getMessage());
      return FastciMain.ENVIRONMENT;
    } catch (IOException e) {
      err.println("fastci: " + e.getMessage());
      return FastciMain.NOT_SUCCEEDED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FastciMain.NOT_SUCCEEDED;
    } finally {
      if (engine != null && ended) {
        engine.closeAfterTheRuns(); // after the summary: the user has the answer meanwhile
      } else if (engine != null) {
        engine.close(); // a run that may go on: its jobs end before the worker stops
      }
    }
  }

  private PipelineState runHere(Engine engine, PipelineSpec spec, CliSettings settings)
      throws IOException, InterruptedException {
    PipelineRun first =
        new PipelineRun(RunIds.newId(), spec, 1)
            .withConditionSkips(spec.conditionSkips(new RunFacts("manual", branch, null)));
    RunHandle run = new PipelineClient(engine.client()).start(first);
    announce(run.runId(), spec);
    return following.follow(
        new LocalRunSource(run, settings.dataDir()),
        run::cancel,
        run.runId(),
        new TerminalApprovals(
            spec,
            true,
            out,
            (job, approved) ->
                run.workflow()
                    .decide(
                        new ApprovalDecision(
                            job, approved, System.getProperty("user.name"), null))));
  }

  private PipelineState runOnServer(Path file, String url, PipelineSpec spec, Path dataDir)
      throws IOException, InterruptedException {
    ServerClient server = new ServerClient(url, ApiTokens.find(dataDir));
    String text = Files.readString(file);
    String id =
        server.submit(
            text, SpecFormat.forFileName(file.toString()) == SpecFormat.YAML, branch, params);
    announce(id, spec);
    return following.follow(
        new RemoteRunSource(server, id),
        () -> {
          try {
            server.cancel(id);
          } catch (IOException | InterruptedException e) {
            err.println("fastci: could not cancel run " + id + ": " + e.getMessage());
          }
        },
        id,
        new TerminalApprovals(
            spec,
            false,
            out,
            (job, approved) -> {
              try {
                server.decide(id, job, approved);
              } catch (IOException | InterruptedException e) {
                err.println("fastci: could not decide on " + job + ": " + e.getMessage());
              }
            }));
  }

  private void announce(String runId, PipelineSpec spec) {
    int jobs = spec.jobs().size();
    out.printf(
        "fastci: run %s of pipeline \"%s\" (%d job%s)%n",
        runId, spec.name(), jobs, jobs == 1 ? "" : "s");
  }
}
