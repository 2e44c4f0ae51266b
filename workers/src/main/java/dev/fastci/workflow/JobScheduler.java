package dev.fastci.workflow;

import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Runs the DAG eagerly: each job's activity is scheduled in the same workflow task that saw its
 * last parent succeed (and its services ready), with no level barrier and no polling. Each job runs
 * in a cancellation scope of its own, so one job can be cancelled while the others go on. While
 * jobs whose tries Temporal runs are running, their host is watched ({@link RetriedJobsWatch}).
 */
final class JobScheduler {
  private final PipelineRun run;
  private final PipelineProgress progress;
  private final HostSession host;
  private final JobEnds ends;
  private final RetriedJobsWatch watch;
  private final Map<String, CancellationScope> runningScopes = new HashMap<>();
  private final Set<String> cancelRequested = new HashSet<>();
  private final Map<String, String> stoppedFor = new HashMap<>();
  private final Queue<JobEnds.Finished> finished = new ArrayDeque<>();
  private final Approvals approvals;
  private final RunServices services;
  private final ServiceBoard board;
  private boolean runCancelled;
  private boolean waitingForServices;

  JobScheduler(
      PipelineRun run,
      PipelineProgress progress,
      HostSession host,
      Tries tries,
      RunEvents events,
      RunServices services) {
    this.run = run;
    this.progress = progress;
    this.host = host;
    this.ends = new JobEnds(progress, host, tries, events);
    this.approvals = new Approvals(progress, ends, events);
    this.services = services;
    this.board = progress.services();
    this.watch = new RetriedJobsWatch(host.hostWait());
  }

  /**
   * Starts the ready jobs and the jobs they free, until none runs, waits for approval or waits for
   * a service, or the run is cancelled.
   */
  void runJobs() {
    startReadyJobs();
    while (progress.anyActive() || waitingForServices) {
      if (CancellationScope.current().isCancelRequested()) {
        runCancelled = true;
        // The whole run is cancelled: the job scopes were cancelled with it. Wait, outside the
        // cancelled scope, until every activity has confirmed its container is gone.
        Workflow.newDetachedCancellationScope(this::drainCancelledRun).run();
        return;
      }
      int seen = board.changes();
      boolean woken;
      try {
        // Wakes for an ended job, a decision, a service's change, a suspect host, or a cancelled
        // approval that leaves nothing to wait for.
        woken =
            watch.await(
                () ->
                    !finished.isEmpty()
                        || approvals.anyDecided()
                        || board.changes() != seen
                        || services.hostSuspect()
                        || !(progress.anyActive() || waitingForServices));
      } catch (CanceledFailure runCancelled) {
        continue;
      }
      if (!woken) {
        askTheHostOfRetriedJobs();
        continue;
      }
      if (ends.record(finished, this::endedBy, stoppedFor::get) || services.hostSuspect()) {
        if (host.check()) {
          abandonRetriedJobs(); // their next tries wait in the lost host's queue
        }
        services.afterHostCheck();
      }
      approvals.applyDecisions();
      stopJobsOfFailedServices();
      startReadyJobs();
    }
  }

  private void drainCancelledRun() {
    progress.cancelAllPending(Workflow.currentTimeMillis());
    while (progress.anyRunning()) {
      Workflow.await(() -> !finished.isEmpty());
      ends.record(finished, this::endedBy, stoppedFor::get);
    }
  }

  /** A quiet spell while jobs that Temporal retries run: a host that does not answer is lost. */
  private void askTheHostOfRetriedJobs() {
    boolean lives;
    try {
      lives = host.hostAnswers();
    } catch (ActivityFailure runCancelled) {
      return; // the loop drains the cancelled run
    }
    if (!lives) {
      abandonRetriedJobs();
    }
  }

  /** Their activities are cancelled; they end at once when waiting in a queue, and run again. */
  private void abandonRetriedJobs() {
    for (String job : watch.abandonAll()) {
      CancellationScope scope = runningScopes.get(job);
      if (scope != null) {
        scope.cancel();
      }
    }
  }

  /** A running job whose service failed is stopped, and ends in ERROR with the service's reason. */
  private void stopJobsOfFailedServices() {
    for (JobSpec job : run.spec().jobs()) {
      CancellationScope scope = runningScopes.get(job.name());
      String failure = job.services().isEmpty() ? null : board.gate(job).failure();
      if (scope != null && failure != null && !cancelRequested.contains(job.name())) {
        stoppedFor.put(job.name(), failure);
        cancelRequested.add(job.name());
        scope.cancel();
      }
    }
  }

  private JobEnds.EndedBy endedBy(String job) {
    runningScopes.remove(job);
    boolean abandoned = watch.ended(job);
    if (runCancelled || cancelRequested.contains(job)) {
      return JobEnds.EndedBy.CANCEL;
    }
    return abandoned ? JobEnds.EndedBy.HOST_LOSS : JobEnds.EndedBy.ITSELF;
  }

  /**
   * Starts every job whose parents allow it and whose services are ready; one whose service failed
   * ends in ERROR instead (which may free jobs after it), and one whose service is still starting
   * waits.
   */
  private void startReadyJobs() {
    boolean ended = true;
    while (ended) {
      ended = false;
      waitingForServices = false;
      List<JobSpec> going = new ArrayList<>();
      for (JobSpec job : progress.readyJobs()) {
        ServiceBoard.Gate gate = board.gate(job);
        if (gate.goes()) {
          going.add(job);
        } else if (gate.waits()) {
          waitingForServices = true;
        } else {
          progress.markFinished(
              job.name(),
              JobStatus.ERROR,
              null,
              gate.failure(),
              null,
              Workflow.currentTimeMillis());
          ends.recorded(job.name());
          ended = true;
        }
      }
      startJobs(going);
    }
  }

  private void startJobs(List<JobSpec> jobs) {
    PipelineSpec spec = run.spec();
    boolean memoizes = spec.jobs().stream().anyMatch(JobSpec::memoize);
    for (JobSpec job : jobs) {
      if (job.hasApproval()) {
        approvals.await(job);
        continue;
      }
      int maxTries = progress.maxTriesOf(job.name());
      JobRequest request =
          new JobRequest(
              run.runId(),
              run.attempt(),
              job,
              host.pipelineDir(),
              spec.bindWorkdirFromHost(),
              spec.repoUrl() != null,
              spec.parentsOf(job.name()),
              memoizes,
              maxTries,
              1,
              run.untrusted());
      JobActivities activities = host.jobs(job, maxTries);
      watch.started(job.name(), maxTries);
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
