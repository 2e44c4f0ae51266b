package dev.fastci.workflow;

import dev.fastci.host.HostActivities;
import dev.fastci.host.HostAssignment;
import dev.fastci.host.PipelineDirActivities;
import dev.fastci.host.PipelineDirRequest;
import dev.fastci.job.JobActivities;
import dev.fastci.job.JobRequest;
import dev.fastci.job.JobResult;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.worker.TaskQueues;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
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
 * last parent succeed, with no level barrier and no polling. All activities after the first go to
 * the task queue of the host that answered it.
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
  private final HostActivities hosts =
      Workflow.newActivityStub(HostActivities.class, ActivityOptionsFactory.hostAssignment());

  private PipelineProgress progress;
  private final Map<String, CancellationScope> runningScopes = new HashMap<>();
  private final Set<String> cancelRequested = new HashSet<>();
  private final Queue<Finished> finished = new ArrayDeque<>();
  private boolean runCancelled;
  private RunRecording recorder;

  private record Finished(String job, JobResult result, Throwable failure) {}

  @Override
  public PipelineState run(PipelineRun run) {
    PipelineSpec spec = run.spec();
    progress = new PipelineProgress(run);
    recorder = run.serverManaged() ? new RunRecording() : null;
    PipelineDirActivities dirs = null;
    try {
      HostAssignment host = assignHost(run);
      dirs = ActivityOptionsFactory.pipelineDirs(host.taskQueue());
      String pipelineDir =
          spec.needsPipelineDir()
              ? dirs.preparePipelineDir(
                  new PipelineDirRequest(
                      run.runId(),
                      spec.repoUrl(),
                      spec.commitHash(),
                      run.continuesEarlierExecution()))
              : null;
      progress.started(host.hostId(), Workflow.currentTimeMillis());
      record(r -> r.runStarted(run.runId(), run.attempt(), host.hostId(), now()));
      runJobs(run, host.taskQueue(), pipelineDir);
    } catch (ActivityFailure | CanceledFailure e) {
      if (CancellationScope.current().isCancelRequested() || isCancellation(e)) {
        progress.cancelAllPending(Workflow.currentTimeMillis());
      } else {
        progress.failSetup(rootMessage(e), Workflow.currentTimeMillis());
      }
    } finally {
      if (dirs != null) {
        awaitContainerRemovals(run, dirs);
      }
      if (dirs != null && spec.needsPipelineDir()) {
        releasePipelineDir(run, dirs);
      }
    }
    progress.finish(Workflow.currentTimeMillis());
    PipelineState end = progress.snapshot();
    if (recorder != null) {
      recorder.finish(end);
    }
    return end;
  }

  /** A continued run goes back to the host holding its pipeline dir; a new one to any host. */
  private HostAssignment assignHost(PipelineRun run) {
    if (run.hostId() != null) {
      return new HostAssignment(run.hostId(), TaskQueues.forHost(run.hostId()));
    }
    return hosts.assignHost(run.runId());
  }

  /**
   * Job containers are removed in the background so the next job need not wait; the run ends only
   * once they are gone. Versioned: executions recorded before this step replay without it.
   */
  private void awaitContainerRemovals(PipelineRun run, PipelineDirActivities dirs) {
    if (Workflow.getVersion("await-container-removals", Workflow.DEFAULT_VERSION, 1) == 1) {
      Workflow.newDetachedCancellationScope(() -> dirs.awaitContainerRemovals(run.runId())).run();
    }
  }

  /**
   * A server keeps the dir for retries; a command line run removes it. Either must happen even when
   * the run was cancelled, so it runs outside the run's scope.
   */
  private void releasePipelineDir(PipelineRun run, PipelineDirActivities dirs) {
    Workflow.newDetachedCancellationScope(
            () -> {
              if (run.serverManaged()) {
                dirs.keepPipelineDirForRetries(run.runId());
              } else {
                dirs.removePipelineDir(run.runId());
              }
            })
        .run();
  }

  private void record(java.util.function.Consumer<RunRecorderActivities> event) {
    if (recorder != null) {
      recorder.send(event);
    }
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }

  private void runJobs(PipelineRun run, String hostQueue, String pipelineDir) {
    startReadyJobs(run, hostQueue, pipelineDir);
    while (progress.anyRunning()) {
      if (CancellationScope.current().isCancelRequested()) {
        runCancelled = true;
        // The whole run is cancelled: the job scopes were cancelled with it. Wait, outside the
        // cancelled scope, until every activity has confirmed its container is gone.
        Workflow.newDetachedCancellationScope(this::drainCancelledRun).run();
        return;
      }
      try {
        Workflow.await(() -> !finished.isEmpty());
      } catch (CanceledFailure runCancelled) {
        continue;
      }
      recordFinishedJobs();
      startReadyJobs(run, hostQueue, pipelineDir);
    }
  }

  private void drainCancelledRun() {
    progress.cancelAllPending(Workflow.currentTimeMillis());
    while (progress.anyRunning()) {
      Workflow.await(() -> !finished.isEmpty());
      recordFinishedJobs();
    }
  }

  private void startReadyJobs(PipelineRun run, String hostQueue, String pipelineDir) {
    PipelineSpec spec = run.spec();
    boolean memoizes = spec.jobs().stream().anyMatch(JobSpec::memoize);
    for (JobSpec job : progress.readyJobs()) {
      JobRequest request =
          new JobRequest(
              run.runId(),
              run.attempt(),
              job,
              pipelineDir,
              spec.bindWorkdirFromHost(),
              spec.repoUrl() != null,
              spec.parentsOf(job.name()),
              memoizes);
      JobActivities activities = ActivityOptionsFactory.jobs(hostQueue, job);
      progress.markRunning(job.name(), Workflow.currentTimeMillis());
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> {
                Promise<JobResult> result = Async.function(activities::runJob, request);
                result.handle(
                    (value, failure) -> finished.add(new Finished(job.name(), value, failure)));
              });
      runningScopes.put(job.name(), scope);
      scope.run();
    }
  }

  private void recordFinishedJobs() {
    Finished done;
    while ((done = finished.poll()) != null) {
      runningScopes.remove(done.job());
      long now = Workflow.currentTimeMillis();
      boolean cancelled = runCancelled || cancelRequested.contains(done.job());
      if (done.failure() != null) {
        if (cancelled || isCancellation(done.failure())) {
          progress.markFinished(done.job(), JobStatus.CANCELLED, null, null, null, now);
        } else {
          String error = rootMessage(done.failure());
          progress.markFinished(done.job(), JobStatus.ERROR, null, error, null, now);
        }
        recordFinished(done.job());
        continue;
      }
      JobResult result = done.result();
      JobStatus status = JobStatusMapping.of(result.outcome());
      if (cancelled && status != JobStatus.SUCCEEDED) {
        status = JobStatus.CANCELLED;
      }
      progress.markFinished(
          done.job(), status, result.exitCode(), result.error(), result.host(), now);
      if (result.cached()) {
        progress.markCached(done.job());
      }
      recordFinished(done.job());
    }
  }

  private void recordFinished(String job) {
    if (recorder != null) {
      JobState state = progress.snapshotOf(job);
      String runId = progress.runId();
      recorder.send(r -> r.jobFinished(runId, state));
    }
  }

  @Override
  public void cancelJob(String job) {
    if (progress == null) {
      return;
    }
    JobStatus status = progress.statusOf(job);
    if (status == JobStatus.PENDING) {
      progress.cancelPending(job, Workflow.currentTimeMillis());
      recordFinished(job);
    } else if (status == JobStatus.RUNNING) {
      cancelRequested.add(job);
      runningScopes.get(job).cancel();
    }
  }

  @Override
  public PipelineState state() {
    return progress == null ? null : progress.snapshot();
  }

  private static boolean isCancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root instanceof TemporalFailure temporal
            ? temporal.getOriginalMessage()
            : root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
