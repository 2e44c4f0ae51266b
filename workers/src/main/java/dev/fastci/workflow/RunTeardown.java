package dev.fastci.workflow;

import dev.fastci.contract.Failures;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.PipelineRun;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * The end of a run on its last host: its job containers (removed in the background) are gone, its
 * network holder released, and its pipeline dir kept for retries (a server's run) or removed. It
 * runs outside the run's cancellation scope, so a cancelled run cleans up too; a host lost by then
 * keeps its containers and dir.
 */
final class RunTeardown {
  private static final String REMOVE_CONTAINERS = "(remove containers)";
  private static final String RELEASE_DIR = "(release pipeline dir)";

  private final PipelineRun run;
  private final HostSession host;
  private final CleanupMode mode;
  private final RunEvents events;

  RunTeardown(PipelineRun run, HostSession host, CleanupMode mode, RunEvents events) {
    this.run = run;
    this.host = host;
    this.mode = mode;
    this.events = events;
  }

  /**
   * Cleans up; a cleanup that fails for good (given up after {@link RunCleanup#GIVE_UP_AFTER}) does
   * not keep the run from ending: it says so, and the server's janitor removes what is left.
   */
  void run() {
    if (mode == CleanupMode.THREE_TRIES) {
      cleanUp();
      return;
    }
    try {
      cleanUp();
    } catch (ActivityFailure failed) {
      events.event(
          "the run's cleanup failed: "
              + Failures.rootMessage(failed)
              + "; the server's janitor removes what the run left once the Docker engine answers");
    }
  }

  private void cleanUp() {
    boolean done =
        step(REMOVE_CONTAINERS, this::awaitContainerRemovals)
            && (!run.spec().needsPipelineDir() || step(RELEASE_DIR, this::releasePipelineDir));
    if (!done) {
      events.event(
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
  private boolean step(String activity, Runnable call) {
    if (mode == CleanupMode.THREE_TRIES) {
      return host.onHost(activity, call);
    }
    RunCleanup cleanup = new RunCleanup(RunEvents.now());
    while (true) {
      try {
        call.run();
        return true;
      } catch (ActivityFailure failure) {
        ActivityTrouble trouble = ActivityTrouble.of(failure);
        if (trouble.questionsTheHost()) {
          if (!host.hostAnswers()) {
            return false;
          }
          continue; // a busy host: wait for it again
        }
        if (trouble == ActivityTrouble.FINAL || cleanup.givesUp(RunEvents.now())) {
          throw failure;
        }
        if (cleanup.isFirstFailure()) {
          events.event(
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

  /**
   * Job containers are removed in the background so the next job need not wait; the run ends only
   * once they are gone. Versioned: executions recorded before this step replay without it.
   */
  private void awaitContainerRemovals() {
    if (Workflow.getVersion("await-container-removals", Workflow.DEFAULT_VERSION, 1) == 1) {
      PipelineDirActivities dirs = stub();
      Workflow.newDetachedCancellationScope(() -> dirs.awaitContainerRemovals(run.runId())).run();
    }
  }

  /**
   * A server keeps the dir for retries; a command line run removes it. Either must happen even when
   * the run was cancelled, so it runs outside the run's scope.
   */
  private void releasePipelineDir() {
    PipelineDirActivities dirs = stub();
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

  private PipelineDirActivities stub() {
    return mode == CleanupMode.UNTIL_DONE ? host.cleanup() : host.dirs();
  }
}
