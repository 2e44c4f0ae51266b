package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs jobs on the worker host that holds the run's pipeline dir. */
@ActivityInterface
public interface JobActivities {

  /**
   * Runs the job's container to its end and removes it. A cancelled activity kills the container
   * and rethrows the cancellation; every other end is a {@link JobResult}.
   */
  @ActivityMethod
  JobResult runJob(JobRequest request);
}
