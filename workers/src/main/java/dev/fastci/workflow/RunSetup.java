package dev.fastci.workflow;

import dev.fastci.contract.PipelineRun;
import io.temporal.workflow.Workflow;
import java.util.Locale;

/**
 * A run's setup phase, from its acceptance to its first job: the host, then the pipeline dir with
 * its checkout, then the run's services, which start side by side with the jobs that need none
 * (each service's start and readiness show on the run's service board). With {@link
 * SetupMode#VISIBLE}, the run starts when it was accepted (the workflow's start), so its duration
 * counts the setup, and each step is told as an event: {@code setup: host h1 0.02 s}, {@code setup:
 * checkout 5.90 s (mirror cloned)}.
 */
final class RunSetup {
  private final PipelineRun run;
  private final HostSession host;
  private final RunEvents events;
  private final SetupMode mode;
  private final RunServices services;

  RunSetup(
      PipelineRun run, HostSession host, RunEvents events, SetupMode mode, RunServices services) {
    this.run = run;
    this.host = host;
    this.events = events;
    this.mode = mode;
    this.services = services;
  }

  /**
   * Takes a host, sets the pipeline dir up there and starts the services (which the jobs that need
   * them await); the run is RUNNING from then on.
   */
  void run() {
    if (mode == SetupMode.HIDDEN) {
      host.assign();
      host.setUpPipelineDir(run.continuesEarlierExecution());
      events.started(host.hostId(), RunEvents.now());
      services.start();
      return;
    }
    long accepted = Workflow.getInfo().getRunStartedTimestampMillis();
    host.assign();
    events.started(host.hostId(), accepted);
    events.event(step("host " + host.hostId(), accepted, null));
    long dirStarted = RunEvents.now();
    String checkout = host.setUpPipelineDir(run.continuesEarlierExecution());
    if (run.spec().needsPipelineDir()) {
      String what = run.spec().repoUrl() == null ? "pipeline dir" : "checkout";
      events.event(step(what, dirStarted, checkout));
    }
    services.start();
  }

  private static String step(String what, long since, String detail) {
    String took = String.format(Locale.ROOT, "%.2f s", (RunEvents.now() - since) / 1000.0);
    return "setup: " + what + " " + took + (detail == null ? "" : " (" + detail + ")");
  }
}
