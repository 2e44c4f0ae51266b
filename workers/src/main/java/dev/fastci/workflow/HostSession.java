package dev.fastci.workflow;

import dev.fastci.contract.Failures;
import dev.fastci.contract.HostActivities;
import dev.fastci.contract.HostAssignment;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.PipelineDirRequest;
import dev.fastci.contract.PipelineDirSetUp;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The run's host: which one it is, the run's pipeline dir there, and the activities that go to it.
 * All activities after the first go to the task queue of the host that answered it (the
 * samples-java fileprocessing pattern); with {@link FailoverMode#HOST_FAILOVER}, a host that stops
 * taking them and does not answer is lost, and the run moves to another one with a fresh dir.
 */
final class HostSession {
  /** Names of the host activities other than jobs, for counting their tries. */
  private static final String PREPARE_DIR = "(prepare pipeline dir)";

  private final HostActivities hosts =
      Workflow.newActivityStub(HostActivities.class, ActivityOptionsFactory.hostAssignment());
  private final PipelineRun run;
  private final FailoverMode failover;
  private final SetupMode setup;
  private final Duration hostWait;
  private final Tries tries;
  private final RunEvents events;
  private HostAssignment host;
  private PipelineDirActivities dirs;
  private String pipelineDir;

  HostSession(
      PipelineRun run, FailoverMode failover, SetupMode setup, Tries tries, RunEvents events) {
    this.run = run;
    this.failover = failover;
    this.setup = setup;
    this.hostWait = failover.hostWait(run);
    this.tries = tries;
    this.events = events;
  }

  /** A continued run goes back to the host holding its pipeline dir; a new one to any host. */
  void assign() {
    host =
        run.hostId() != null
            ? new HostAssignment(run.hostId(), TaskQueues.forHost(run.hostId()))
            : hosts.assignHost(run.runId());
  }

  /**
   * Creates the run's pipeline dir on its host when the spec wants one. A host that does not take
   * the task and does not answer either is lost: the run moves to another host.
   *
   * @return how the checkout went (with {@link SetupMode#VISIBLE}), or null
   */
  String setUpPipelineDir(boolean dirExists) {
    PipelineSpec spec = run.spec();
    boolean reuse = dirExists;
    while (true) {
      dirs = ActivityOptionsFactory.pipelineDirs(host.taskQueue(), hostWait);
      if (!spec.needsPipelineDir()) {
        pipelineDir = null;
        return null;
      }
      PipelineDirRequest request =
          new PipelineDirRequest(
              run.runId(), spec.repoUrl(), spec.commitHash(), reuse, run.repoAccess());
      String[] checkout = new String[1];
      Runnable prepare =
          setup == SetupMode.VISIBLE
              ? () -> {
                PipelineDirSetUp done = dirs.setUpPipelineDir(request);
                pipelineDir = done.path();
                checkout[0] = done.checkout();
              }
              : () -> pipelineDir = dirs.preparePipelineDir(request);
      if (onHost(PREPARE_DIR, prepare)) {
        return checkout[0];
      }
      moveToAnotherHost();
      reuse = false;
    }
  }

  /**
   * Runs an activity on the run's host, and tries it again as long as its failure allows and the
   * host answers. Without host failover (an execution from before it), Temporal retries instead.
   *
   * @return false when the host is lost
   */
  boolean onHost(String activity, Runnable call) {
    while (true) {
      try {
        call.run();
        return true;
      } catch (ActivityFailure failure) {
        ActivityTrouble trouble = failover.trouble(failure);
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
   *
   * @return true when the run moved to another host
   */
  boolean check() {
    if (hostAnswers()) {
      return false;
    }
    moveToAnotherHost();
    setUpPipelineDir(false);
    return true;
  }

  /** Whether the host's liveness worker answers within the host wait. */
  boolean hostAnswers() {
    try {
      return host.hostId().equals(ActivityOptionsFactory.liveness(host.hostId(), hostWait).ping());
    } catch (ActivityFailure noAnswer) {
      if (Failures.isCancellation(noAnswer)) {
        throw noAnswer;
      }
      return false;
    }
  }

  private void moveToAnotherHost() {
    HostAssignment lost = host;
    host = hosts.assignHost(run.runId()); // only live workers poll the shared queue
    events.movedTo(
        host.hostId(),
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
                : ""));
  }

  /** Whether the run got as far as its host: only then is there anything to clean up. */
  boolean reached() {
    return dirs != null;
  }

  String hostId() {
    return host.hostId();
  }

  /** The pipeline dir's path on the host, or null when the run has none. */
  String pipelineDir() {
    return pipelineDir;
  }

  /** The pipeline dir activities, with the options of its setup. */
  PipelineDirActivities dirs() {
    return dirs;
  }

  /** The pipeline dir activities, with the options of a cleanup step. */
  PipelineDirActivities cleanup() {
    return ActivityOptionsFactory.cleanup(host.taskQueue(), hostWait);
  }

  /** The activity that runs the job on the host, with Temporal's retries when it has tries. */
  JobActivities jobs(JobSpec job, int maxTries) {
    return ActivityOptionsFactory.jobs(host.taskQueue(), job, hostWait, maxTries);
  }

  /** How long a host may take a task before it is asked whether it lives; null: no limit. */
  Duration hostWait() {
    return hostWait;
  }

  /** Why a host activity failed, as far as the run's failover mode looks. */
  ActivityTrouble trouble(Throwable failure) {
    return failover.trouble(failure);
  }
}
