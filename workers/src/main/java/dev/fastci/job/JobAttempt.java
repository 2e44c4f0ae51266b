package dev.fastci.job;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerRemovals;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try of a job attempt: prepare (secrets, key, caches) → execute (container, follow, timeout) →
 * finish (result file, removal, memo and caches), with the one place that decides what becomes of
 * the container and the cache mounts when it ends, however it ends.
 */
final class JobAttempt {
  private static final Logger log = LoggerFactory.getLogger(JobAttempt.class);

  /** What becomes of the container when the try ends. */
  private enum ContainerFate {
    /** Removed before the activity ends. */
    REMOVE_NOW,
    /** The background removals have it; the run's end awaits them. */
    HANDED_OVER,
    /** Left as it is, mounts too: the next try of the activity re-attaches to it. */
    KEPT_FOR_REATTACH
  }

  private final JobPreparation preparation;
  private final JobExecution execution;
  private final JobFinish finish;
  private final JobEnds ends;
  private final JobCaching caching;
  private final Backend backend;
  private final ContainerRemovals removals;

  JobAttempt(
      JobPreparation preparation,
      JobExecution execution,
      JobFinish finish,
      JobEnds ends,
      JobCaching caching,
      Backend backend,
      ContainerRemovals removals) {
    this.preparation = preparation;
    this.execution = execution;
    this.finish = finish;
    this.ends = ends;
    this.caching = caching;
    this.backend = backend;
    this.removals = removals;
  }

  JobResult run(JobRequest request, JobLog jobLog) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    long startedAt = System.currentTimeMillis();
    Prepared prepared = preparation.prepare(request, jobLog, startedAt);
    if (prepared instanceof Prepared.Ended ended) {
      return ended.result();
    }
    Prepared.Ready ready = (Prepared.Ready) prepared;
    JobContainer container;
    try {
      container = execution.create(request, ready);
    } catch (JobStartException e) {
      caching.release(ready.mounts());
      return ends.couldNotStart(jobLog, e, startedAt);
    }
    ContainerFate fate = ContainerFate.REMOVE_NOW;
    try {
      Executed executed = execution.run(request, jobLog, container, ready, context, startedAt);
      Finished finished = finish.record(request, jobLog, container, executed);
      if (finished.handedOver()) {
        fate = ContainerFate.HANDED_OVER;
      }
      finish.saveCaches(request, jobLog, ready, finished.result());
      return finished.result();
    } catch (JobStartException e) {
      return ends.couldNotStart(jobLog, e, startedAt);
    } catch (ActivityCanceledException cancelled) {
      backend.kill(container);
      throw cancelled;
    } catch (ActivityCompletionException | WorkerStopping workerGoingAwayNow) {
      // The worker shuts down or lost the activity: leave the container running, so the next
      // attempt of this activity re-attaches to it instead of starting the job twice.
      fate = ContainerFate.KEPT_FOR_REATTACH;
      throw workerGoingAwayNow;
    } finally {
      if (fate == ContainerFate.REMOVE_NOW) {
        removeNow(request, container);
      }
      if (fate != ContainerFate.KEPT_FOR_REATTACH) {
        caching.release(ready.mounts());
      }
    }
  }

  /**
   * Removes the container now. When the engine does not answer (it restarts), the job's outcome
   * stands and the removal is left to the run's cleanup, which sweeps the run's containers by label
   * and tries again until the engine answers.
   */
  private void removeNow(JobRequest request, JobContainer container) {
    try {
      backend.remove(container);
    } catch (RuntimeException engineDown) {
      if (removals == null) {
        throw engineDown;
      }
      log.warn(
          "run {} job {}: could not remove container {} ({}); the run's cleanup removes it",
          request.runId(),
          request.job().name(),
          container.name(),
          engineDown.toString());
    }
  }
}
