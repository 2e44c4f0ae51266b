package dev.fastci.workflow;

import dev.fastci.contract.Failures;
import dev.fastci.contract.HostActivities;
import dev.fastci.contract.HostAssignment;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.PipelineDirRequest;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import dev.fastci.contract.RunRecorderActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Runs the DAG eagerly: each job's activity is scheduled in the same workflow task that saw its
 * last parent succeed, with no level barrier and no polling. All activities after the first go to
 * the task queue of the host that answered it; when that host is lost, the run moves to another
 * (see {@link #checkHost}).
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
  private final HostActivities hosts =
      Workflow.newActivityStub(HostActivities.class, ActivityOptionsFactory.hostAssignment());

  /** Versions the host failover: histories recorded before it replay without it. */
  private static final String HOST_FAILOVER = "host-failover";

  /**
   * Versions cleanup that is not given up after three quick tries (a Docker engine that restarts
   * must not leave the run without an end), and a run that ends even when its cleanup fails.
   */
  private static final String CLEANUP_UNTIL_DONE = "cleanup-until-done";

  /** Names of the host activities other than jobs, for counting their tries. */
  private static final String PREPARE_DIR = "(prepare pipeline dir)";

  private static final String REMOVE_CONTAINERS = "(remove containers)";
  private static final String RELEASE_DIR = "(release pipeline dir)";

  private PipelineProgress progress;
  private Duration hostWait;
  private HostAssignment host;
  private PipelineDirActivities dirs;
  private String pipelineDir;
  private boolean hostSuspect;
  private final Tries tries = new Tries(ActivityOptionsFactory.INFRASTRUCTURE_ATTEMPTS);
  private final Map<String, CancellationScope> runningScopes = new HashMap<>();
  private final Set<String> cancelRequested = new HashSet<>();
  private final Queue<Finished> finished = new ArrayDeque<>();
  private boolean runCancelled;
  private boolean cleanupUntilDone;
  private RunRecording recorder;

  private record Finished(String job, JobResult result, Throwable failure) {}

  @Override
  public PipelineState run(PipelineRun run) {
    PipelineSpec spec = run.spec();
    progress = new PipelineProgress(run);
    recorder = run.serverManaged() ? new RunRecording() : null;
    hostWait =
        Workflow.getVersion(HOST_FAILOVER, Workflow.DEFAULT_VERSION, 1) == 1
            ? run.hostLostAfter()
            : null;
    cleanupUntilDone =
        hostWait != null
            && Workflow.getVersion(CLEANUP_UNTIL_DONE, Workflow.DEFAULT_VERSION, 1) == 1;
    try {
      host = assignHost(run);
      setUpPipelineDir(run, run.continuesEarlierExecution());
      progress.started(host.hostId(), Workflow.currentTimeMillis());
      record(r -> r.runStarted(run.runId(), run.attempt(), host.hostId(), now()));
      runJobs(run);
    } catch (ActivityFailure | CanceledFailure e) {
      if (CancellationScope.current().isCancelRequested() || Failures.isCancellation(e)) {
        progress.cancelAllPending(Workflow.currentTimeMillis());
      } else {
        progress.failSetup(Failures.rootMessage(e), Workflow.currentTimeMillis());
      }
    } finally {
      if (dirs != null) {
        // Even after a cancel: outside the run's scope, so asking the host is not cancelled too.
        Workflow.newDetachedCancellationScope(() -> cleanUpOrSay(run)).run();
      }
    }
    progress.finish(Workflow.currentTimeMillis());
    PipelineState end = progress.snapshot();
    if (recorder != null) {
      recorder.finish(end);
    }
    return end;
  }

  /**
   * Creates the run's pipeline dir on its host when the spec wants one. A host that does not take
   * the task and does not answer either is lost: the run moves to another host.
   */
  private void setUpPipelineDir(PipelineRun run, boolean dirExists) {
    PipelineSpec spec = run.spec();
    boolean reuse = dirExists;
    while (true) {
      dirs = ActivityOptionsFactory.pipelineDirs(host.taskQueue(), hostWait);
      if (!spec.needsPipelineDir()) {
        pipelineDir = null;
        return;
      }
      PipelineDirRequest request =
          new PipelineDirRequest(run.runId(), spec.repoUrl(), spec.commitHash(), reuse);
      if (onHost(PREPARE_DIR, () -> pipelineDir = dirs.preparePipelineDir(request))) {
        return;
      }
      moveToAnotherHost(run);
      reuse = false;
    }
  }

  /**
   * Runs an activity on the run's host, and tries it again as long as its failure allows and the
   * host answers. Without host failover (an execution from before it), Temporal retries instead.
   *
   * @return false when the host is lost
   */
  private boolean onHost(String activity, Runnable call) {
    while (true) {
      try {
        call.run();
        return true;
      } catch (ActivityFailure failure) {
        ActivityTrouble trouble =
            hostWait == null ? ActivityTrouble.FINAL : ActivityTrouble.of(failure);
        if (!tries.another(activity, trouble)) {
          throw failure;
        }
        if (trouble.questionsTheHost() && !hostAnswers()) {
          return false;
        }
      }
    }
  }

  /**
   * A job waited too long for its host. A busy host answers at once and the job simply waits again;
   * a host that does not answer is lost with its pipeline dir, and the run goes on on another one
   * with a fresh dir, re-running every job that had not succeeded.
   */
  private void checkHost(PipelineRun run) {
    if (!hostAnswers()) {
      moveToAnotherHost(run);
      setUpPipelineDir(run, false);
    }
  }

  private boolean hostAnswers() {
    try {
      return host.hostId().equals(ActivityOptionsFactory.liveness(host.hostId(), hostWait).ping());
    } catch (ActivityFailure noAnswer) {
      if (Failures.isCancellation(noAnswer)) {
        throw noAnswer;
      }
      return false;
    }
  }

  private void moveToAnotherHost(PipelineRun run) {
    HostAssignment lost = host;
    host = hosts.assignHost(run.runId()); // only live workers poll the shared queue
    String message =
        "host "
            + lost.hostId()
            + " lost: it stopped taking the run's tasks and did not answer within "
            + hostWait.toSeconds()
            + " s; the jobs that had not succeeded run again on host "
            + host.hostId()
            + (run.spec().needsPipelineDir()
                ? "; the pipeline dir contents on "
                    + lost.hostId()
                    + " are lost, a fresh one is made"
                : "");
    PipelineEvent event = new PipelineEvent(now(), message);
    progress.movedTo(host.hostId(), event);
    String hostId = host.hostId();
    long startedAt =
        progress.snapshot().startedAt() == null ? now() : progress.snapshot().startedAt();
    record(r -> r.runEvent(run.runId(), run.attempt(), event));
    record(r -> r.runStarted(run.runId(), run.attempt(), hostId, startedAt));
  }

  /**
   * Cleans up; a cleanup that fails for good (it gave up after {@link RunCleanup#GIVE_UP_AFTER})
   * does not keep the run from ending: it says so, and the server's janitor removes what is left.
   */
  private void cleanUpOrSay(PipelineRun run) {
    if (!cleanupUntilDone) {
      cleanUp(run);
      return;
    }
    try {
      cleanUp(run);
    } catch (ActivityFailure failed) {
      event(
          run,
          "the run's cleanup failed: "
              + Failures.rootMessage(failed)
              + "; the server's janitor removes what the run left once the Docker engine answers");
    }
  }

  /** On the run's last host; a host lost by then keeps its containers and dir. */
  private void cleanUp(PipelineRun run) {
    boolean done =
        cleanUpOnHost(run, REMOVE_CONTAINERS, () -> awaitContainerRemovals(run, dirs))
            && (!run.spec().needsPipelineDir()
                || cleanUpOnHost(run, RELEASE_DIR, () -> releasePipelineDir(run, dirs)));
    if (!done) {
      event(
          run,
          "host "
              + host.hostId()
              + " lost before the run's cleanup: its containers and pipeline dir stay there");
    }
  }

  /**
   * A cleanup step: tried again with a growing pause, as long as it takes within {@link
   * RunCleanup#GIVE_UP_AFTER}, while its host answers (before this version: three quick tries).
   *
   * @return false when the host is lost
   */
  private boolean cleanUpOnHost(PipelineRun run, String activity, Runnable call) {
    if (!cleanupUntilDone) {
      return onHost(activity, call);
    }
    RunCleanup cleanup = new RunCleanup(now());
    while (true) {
      try {
        call.run();
        return true;
      } catch (ActivityFailure failure) {
        ActivityTrouble trouble = ActivityTrouble.of(failure);
        if (trouble.questionsTheHost()) {
          if (!hostAnswers()) {
            return false;
          }
          continue; // a busy host: wait for it again
        }
        if (trouble == ActivityTrouble.FINAL || cleanup.givesUp(now())) {
          throw failure;
        }
        if (cleanup.isFirstFailure()) {
          event(
              run,
              "the run's cleanup could not remove its containers or dir ("
                  + Failures.rootMessage(failure)
                  + "); trying again until the Docker engine answers (at most "
                  + RunCleanup.GIVE_UP_AFTER.toMinutes()
                  + " min)");
        }
        Workflow.sleep(cleanup.nextPause());
      }
    }
  }

  /** Records an event of the run: in its state, and in the server's store. */
  private void event(PipelineRun run, String message) {
    PipelineEvent event = new PipelineEvent(now(), message);
    progress.event(event);
    record(r -> r.runEvent(run.runId(), run.attempt(), event));
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
      PipelineDirActivities cleanup = cleanupUntilDone ? cleanupStub() : dirs;
      Workflow.newDetachedCancellationScope(() -> cleanup.awaitContainerRemovals(run.runId()))
          .run();
    }
  }

  private PipelineDirActivities cleanupStub() {
    return ActivityOptionsFactory.cleanup(host.taskQueue(), hostWait);
  }

  /**
   * A server keeps the dir for retries; a command line run removes it. Either must happen even when
   * the run was cancelled, so it runs outside the run's scope.
   */
  private void releasePipelineDir(PipelineRun run, PipelineDirActivities dirs) {
    PipelineDirActivities cleanup = cleanupUntilDone ? cleanupStub() : dirs;
    Workflow.newDetachedCancellationScope(
            () -> {
              if (run.serverManaged()) {
                cleanup.keepPipelineDirForRetries(run.runId());
              } else {
                cleanup.removePipelineDir(run.runId());
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

  private void runJobs(PipelineRun run) {
    startReadyJobs(run);
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
      if (hostSuspect) {
        hostSuspect = false;
        checkHost(run);
      }
      startReadyJobs(run);
    }
  }

  private void drainCancelledRun() {
    progress.cancelAllPending(Workflow.currentTimeMillis());
    while (progress.anyRunning()) {
      Workflow.await(() -> !finished.isEmpty());
      recordFinishedJobs();
    }
  }

  private void startReadyJobs(PipelineRun run) {
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
      JobActivities activities = ActivityOptionsFactory.jobs(host.taskQueue(), job, hostWait);
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
        ActivityTrouble trouble =
            cancelled || hostWait == null
                ? ActivityTrouble.FINAL
                : ActivityTrouble.of(done.failure());
        if (tries.another(done.job(), trouble)) {
          progress.requeue(done.job()); // tried again, once the host is checked if need be
          hostSuspect |= trouble.questionsTheHost();
          continue;
        }
        if (cancelled || Failures.isCancellation(done.failure())) {
          progress.markFinished(done.job(), JobStatus.CANCELLED, null, null, null, now);
        } else {
          String error = Failures.rootMessage(done.failure());
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
}
