package dev.fastci.workflow;

import dev.fastci.contract.Failures;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.JobStatus;
import io.temporal.workflow.Workflow;
import java.util.Queue;
import java.util.function.Function;

/**
 * Turns the ends of job activities into job states: a result maps to its status, a failure is tried
 * again while its trouble allows (after asking the host when it may be gone), and a cancelled job
 * is CANCELLED whatever its container did.
 */
final class JobEnds {
  /** How one job's activity ended: a result, or a failure. */
  record Finished(String job, JobResult result, Throwable failure) {}

  /** Who ended a job's activity besides the activity itself. */
  enum EndedBy {
    /** Nobody: it ended by itself. */
    ITSELF,
    /** The run, or the job, was cancelled. */
    CANCEL,
    /** The workflow gave it up on a lost host: it runs again. */
    HOST_LOSS
  }

  private final PipelineProgress progress;
  private final HostSession host;
  private final Tries tries;
  private final RunEvents events;

  JobEnds(PipelineProgress progress, HostSession host, Tries tries, RunEvents events) {
    this.progress = progress;
    this.host = host;
    this.tries = tries;
    this.events = events;
  }

  /**
   * Records every finished job in the order they finished.
   *
   * @param endedBy tells, once per finished job, who ended its activity
   * @param stoppedBecause why a cancelled job was stopped when it was not by a user (a service it
   *     needs failed): it then ends in ERROR with that reason; null for a plain cancel
   * @return true when a job is to be tried again and its host must be asked first
   */
  boolean record(
      Queue<Finished> finished,
      Function<String, EndedBy> endedBy,
      Function<String, String> stoppedBecause) {
    boolean hostSuspect = false;
    Finished done;
    while ((done = finished.poll()) != null) {
      long now = Workflow.currentTimeMillis();
      EndedBy by = endedBy.apply(done.job());
      boolean wasCancelled = by == EndedBy.CANCEL;
      if (done.failure() != null) {
        ActivityTrouble trouble =
            switch (by) {
              case CANCEL -> ActivityTrouble.FINAL;
              case HOST_LOSS -> ActivityTrouble.NOT_TAKEN;
              case ITSELF -> host.trouble(done.failure());
            };
        if (tries.another(done.job(), trouble)) {
          progress.requeue(done.job()); // tried again, once the host is checked if need be
          hostSuspect |= trouble.questionsTheHost();
          continue;
        }
        String stopped = wasCancelled ? stoppedBecause.apply(done.job()) : null;
        if (stopped != null) {
          progress.markFinished(done.job(), JobStatus.ERROR, null, stopped, null, now);
        } else if (wasCancelled || Failures.isCancellation(done.failure())) {
          progress.markFinished(done.job(), JobStatus.CANCELLED, null, null, null, now);
        } else {
          String error = Failures.rootMessage(done.failure());
          progress.markFinished(done.job(), JobStatus.ERROR, null, error, null, now);
        }
        recorded(done.job());
        continue;
      }
      JobResult result = done.result();
      JobStatus status = JobStatusMapping.of(result.outcome());
      String error = result.error();
      if (wasCancelled && status != JobStatus.SUCCEEDED) {
        String stopped = stoppedBecause.apply(done.job());
        status = stopped == null ? JobStatus.CANCELLED : JobStatus.ERROR;
        error = stopped == null ? error : stopped;
      }
      progress.triesEnded(done.job(), result.tries());
      progress.markFinished(done.job(), status, result.exitCode(), error, result.host(), now);
      if (result.cached()) {
        progress.markCached(done.job());
      }
      recorded(done.job());
    }
    return hostSuspect;
  }

  /** The job reached its final state: the server's store hears of it. */
  void recorded(String job) {
    events.jobFinished(job);
  }
}
