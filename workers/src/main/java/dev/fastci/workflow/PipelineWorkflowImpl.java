package dev.fastci.workflow;

import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.Failures;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

/**
 * One execution of a pipeline run: it takes a host ({@link HostSession}), sets up the pipeline dir
 * there and starts the services ({@link RunSetup}, {@link RunServices}), runs the DAG ({@link
 * JobScheduler}), and cleans up ({@link RunTeardown}) even after a cancel. What happens goes to the
 * live state and the server's store ({@link RunEvents}).
 *
 * <p>The order of the commands it makes is what recorded histories replay against (see
 * PipelineWorkflowReplayTest): a change to it must be versioned with {@code Workflow.getVersion}.
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
  /**
   * Versions the second pipeline language (conditions, services, retries): executions recorded
   * before it replay as if none of its fields were set.
   */
  private static final String LANGUAGE_V2 = "language-v2";

  private PipelineProgress progress;
  private JobScheduler scheduler;
  private RunEvents events;

  @Override
  public PipelineState run(PipelineRun run) {
    FailoverMode failover = FailoverMode.detect();
    CleanupMode cleanup = CleanupMode.detect(failover);
    boolean languageV2 = Workflow.getVersion(LANGUAGE_V2, Workflow.DEFAULT_VERSION, 1) == 1;
    PipelineProgress progress = new PipelineProgress(run, languageV2, Workflow.currentTimeMillis());
    boolean batchedRecords =
        Workflow.getVersion(RunEvents.BATCHED_JOB_RECORDS, Workflow.DEFAULT_VERSION, 1) == 1;
    RunEvents events = new RunEvents(run, progress, batchedRecords);
    this.events = events;
    SetupMode setup = SetupMode.detect();
    Tries tries = new Tries(ActivityOptionsFactory.INFRASTRUCTURE_ATTEMPTS);
    HostSession host = new HostSession(run, failover, setup, tries, events);
    RunServices services = new RunServices(run, progress.services(), host, languageV2);
    this.scheduler = new JobScheduler(run, progress, host, tries, events, services);
    this.progress = progress;
    try {
      new RunSetup(run, host, events, setup, services).run();
      scheduler.runJobs();
    } catch (ActivityFailure | CanceledFailure e) {
      if (CancellationScope.current().isCancelRequested() || Failures.isCancellation(e)) {
        progress.cancelAllPending(Workflow.currentTimeMillis());
      } else {
        progress.failSetup(Failures.rootMessage(e), Workflow.currentTimeMillis());
      }
    } finally {
      if (host.reached()) {
        // Even after a cancel: outside the run's scope, so asking the host is not cancelled too.
        // The services go first: no start of theirs may make a container after the teardown.
        RunTeardown teardown = new RunTeardown(run, host, cleanup, events);
        Workflow.newDetachedCancellationScope(
                () -> {
                  services.stop();
                  teardown.run();
                })
            .run();
      }
    }
    return events.finish();
  }

  @Override
  public void cancelJob(String job) {
    if (scheduler != null) {
      scheduler.cancelJob(job);
    }
  }

  @Override
  public void decide(ApprovalDecision decision) {
    if (scheduler != null) {
      scheduler.decide(decision);
    }
  }

  @Override
  public void tryEnded(String job, int attempt, JobTry ended) {
    if (events != null) {
      events.tryEnded(job, attempt, ended);
    }
  }

  @Override
  public PipelineState state() {
    return progress == null ? null : progress.snapshot();
  }
}
