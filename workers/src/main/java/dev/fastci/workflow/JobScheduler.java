package dev.fastci.workflow;

import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Runs the DAG eagerly: each job's activity is scheduled in the same workflow task that saw its
 * last parent succeed, with no level barrier and no polling. Each job runs in a cancellation scope
 * of its own, so one job can be cancelled while the others go on.
 */
final class JobScheduler {
  private final PipelineRun run;
  private final PipelineProgress progress;
  private final HostSession host;
  private final JobEnds ends;
  private final Map<String, CancellationScope> runningScopes = new HashMap<>();
  private final Set<String> cancelRequested = new HashSet<>();
  private final Queue<JobEnds.Finished> finished = new ArrayDeque<>();
  private final Approvals approvals;
  private boolean runCancelled;

  JobScheduler(
      PipelineRun run, PipelineProgress progress, HostSession host, Tries tries, RunEvents events) {
    this.run = run;
    this.progress = progress;
    this.host = host;
    this.ends = new JobEnds(progress, host, tries, events);
    this.approvals = new Approvals(progress, ends, events);
  }

  /**
   * Starts the ready jobs and the jobs they free, until none runs or waits for approval, or the run
   * is cancelled.
   */
  void runJobs() {
    startReadyJobs();
    while (progress.anyActive()) {
      if (CancellationScope.current().isCancelRequested()) {
        runCancelled = true;
        // The whole run is cancelled: the job scopes were cancelled with it. Wait, outside the
        // cancelled scope, until every activity has confirmed its container is gone.
        Workflow.newDetachedCancellationScope(this::drainCancelledRun).run();
        return;
      }
      try {
        // Wakes for an ended job, a decision, or a cancelled approval that leaves nothing active.
        Workflow.await(
            () -> !finished.isEmpty() || approvals.anyDecided() || !progress.anyActive());
      } catch (CanceledFailure runCancelled) {
        continue;
      }
      if (ends.record(finished, this::wasCancelled)) {
        host.check();
      }
      approvals.applyDecisions();
      startReadyJobs();
    }
  }

  private void drainCancelledRun() {
    progress.cancelAllPending(Workflow.currentTimeMillis());
    while (progress.anyRunning()) {
      Workflow.await(() -> !finished.isEmpty());
      ends.record(finished, this::wasCancelled);
    }
  }

  private boolean wasCancelled(String job) {
    runningScopes.remove(job);
    return runCancelled || cancelRequested.contains(job);
  }

  private void startReadyJobs() {
    PipelineSpec spec = run.spec();
    boolean memoizes = spec.jobs().stream().anyMatch(JobSpec::memoize);
    for (JobSpec job : progress.readyJobs()) {
      if (job.hasApproval()) {
        approvals.await(job);
        continue;
      }
      JobRequest request =
          new JobRequest(
              run.runId(),
              run.attempt(),
              job,
              host.pipelineDir(),
              spec.bindWorkdirFromHost(),
              spec.repoUrl() != null,
              spec.parentsOf(job.name()),
              memoizes);
      JobActivities activities = host.jobs(job);
      progress.markRunning(job.name(), Workflow.currentTimeMillis());
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> {
                Promise<JobResult> result = Async.function(activities::runJob, request);
                result.handle(
                    (value, failure) ->
                        finished.add(new JobEnds.Finished(job.name(), value, failure)));
              });
      runningScopes.put(job.name(), scope);
      scope.run();
    }
  }

  /** A person approved or rejected a waiting approval job. */
  void decide(ApprovalDecision decision) {
    approvals.decide(decision);
  }

  /**
   * A pending job never starts, a waiting approval is never decided; a running one's container is
   * killed. Others go on.
   */
  void cancelJob(String job) {
    JobStatus status = progress.statusOf(job);
    if (status == JobStatus.WAITING) {
      approvals.cancel(job);
    } else if (status == JobStatus.PENDING) {
      progress.cancelPending(job, Workflow.currentTimeMillis());
      ends.recorded(job);
    } else if (status == JobStatus.RUNNING) {
      cancelRequested.add(job);
      runningScopes.get(job).cancel();
    }
  }
}
