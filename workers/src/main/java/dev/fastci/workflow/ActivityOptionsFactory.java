package dev.fastci.workflow;

import dev.fastci.contract.HostLiveness;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.RetrySpec;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The activity stubs of a pipeline run and why their options are what they are. */
final class ActivityOptionsFactory {
  /** A job without timeout_secs may run this long; its heartbeat still detects a lost worker. */
  static final Duration JOB_MAX_DURATION = Duration.ofDays(7);

  /**
   * A worker that stops heartbeating for this long is taken as lost, and the job's activity is
   * retried (re-attaching to the container by name).
   */
  static final Duration JOB_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /** A job's own errors come back as results; only infrastructure faults are retried. */
  private static final RetryOptions INFRASTRUCTURE_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2)
          .setMaximumAttempts(3)
          .build();

  private static final RetryOptions ONE_TRY =
      RetryOptions.newBuilder().setMaximumAttempts(1).build();

  /** The longest one try of a cleanup step may take. */
  static final Duration CLEANUP_ATTEMPT_LIMIT = Duration.ofMinutes(2);

  /** How often the workflow tries an activity that failed for a reason other than its host. */
  static final int INFRASTRUCTURE_ATTEMPTS = 3;

  private ActivityOptionsFactory() {}

  static ActivityOptions hostAssignment() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.PIPELINES)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(INFRASTRUCTURE_RETRIES)
        .build();
  }

  /**
   * A clone can take minutes; the activities heartbeat meanwhile, so a lost host shows within the
   * heartbeat timeout. WAIT_CANCELLATION_COMPLETED: the dir is removed only after the preparing
   * activity is done writing into it.
   */
  static PipelineDirActivities pipelineDirs(String hostQueue, Duration hostWait) {
    return Workflow.newActivityStub(
        PipelineDirActivities.class,
        waitingForHost(hostWait)
            .setTaskQueue(hostQueue)
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(JOB_HEARTBEAT_TIMEOUT)
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(retries(hostWait))
            .build());
  }

  /**
   * The run's cleanup on its host (removing containers, releasing the dir). The workflow tries a
   * failed step again itself, with growing pauses ({@link RunCleanup}), so each try is one activity
   * attempt, capped at a few minutes: a Docker engine that hangs cannot hold it forever.
   */
  static PipelineDirActivities cleanup(String hostQueue, Duration hostWait) {
    return Workflow.newActivityStub(
        PipelineDirActivities.class,
        waitingForHost(hostWait)
            .setTaskQueue(hostQueue)
            .setStartToCloseTimeout(CLEANUP_ATTEMPT_LIMIT)
            .setHeartbeatTimeout(JOB_HEARTBEAT_TIMEOUT)
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(ONE_TRY)
            .build());
  }

  /**
   * A host that does not pick up an activity within {@code hostWait} (null: no limit) fails it with
   * a SCHEDULE_TO_START timeout, after which the workflow asks whether the host is alive.
   */
  private static ActivityOptions.Builder waitingForHost(Duration hostWait) {
    ActivityOptions.Builder builder = ActivityOptions.newBuilder();
    return hostWait == null ? builder : builder.setScheduleToStartTimeout(hostWait);
  }

  /**
   * With host failover (a {@code hostWait}), the workflow itself retries an activity, so it can ask
   * first whether the host is still there: Temporal tries each activity once.
   */
  private static RetryOptions retries(Duration hostWait) {
    return hostWait == null ? INFRASTRUCTURE_RETRIES : ONE_TRY;
  }

  /** One try, answered by the host's liveness worker (never busy with jobs) or not at all. */
  static HostLiveness liveness(String hostId, Duration hostWait) {
    return Workflow.newActivityStub(
        HostLiveness.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.livenessOf(hostId))
            .setScheduleToCloseTimeout(hostWait)
            .setRetryOptions(ONE_TRY)
            .build());
  }

  /**
   * WAIT_CANCELLATION_COMPLETED: on cancel the workflow goes on only once the activity has killed
   * and removed the container, so a cancelled run leaves nothing behind. The job's own timeout is
   * enforced by the activity (ending in TIMED_OUT); start-to-close only bounds a stuck activity (it
   * applies to each try).
   *
   * @param maxTries more than 1 for a job whose {@code retry} applies: Temporal then runs its tries
   *     ({@link #tries})
   */
  static JobActivities jobs(String hostQueue, JobSpec job, Duration hostWait, int maxTries) {
    Duration limit =
        job.timeoutSecs() == null
            ? JOB_MAX_DURATION
            : Duration.ofMillis((long) (job.timeoutSecs() * 1000)).plusMinutes(5);
    return Workflow.newActivityStub(
        JobActivities.class,
        waitingForHost(hostWait)
            .setTaskQueue(hostQueue)
            .setStartToCloseTimeout(limit)
            .setHeartbeatTimeout(JOB_HEARTBEAT_TIMEOUT)
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(maxTries > 1 ? tries(job.retry()) : retries(hostWait))
            .build());
  }

  /**
   * The tries of a job with {@code retry}, as Temporal's retries of its activity: a try that ends
   * in a way {@code retry.when} covers fails the activity with a retryable failure (see the job
   * activity's JobTries), and Temporal runs it again, up to {@code max} attempts, after {@code
   * backoff_secs} doubling each time (at most 10 minutes; the failure states the try's own wait).
   * Any other end is the activity's result, so it is not retried.
   *
   * <p>Infrastructure troubles meet these retries too. A worker that stops heartbeating makes
   * Temporal run the activity again on the host, and it re-attaches to the try's container (the try
   * due is the first without a result file, so none runs twice); such an attempt counts towards
   * {@code max}, and when the attempts run out first, the workflow's own tries ({@link Tries})
   * start the activity again, which goes on with the next try. A host that takes no attempt within
   * the host wait fails it (schedule-to-start timeouts are not retried) and the workflow asks the
   * host, as for any job; the embedded Temporal sets that timeout on the first attempt only, so the
   * workflow also asks the host itself while such a job runs ({@link RetriedJobsWatch}).
   */
  private static RetryOptions tries(RetrySpec retry) {
    return RetryOptions.newBuilder()
        .setMaximumAttempts(retry.max())
        .setInitialInterval(Duration.ofMillis(retry.backoffMillisAfter(1)))
        .setBackoffCoefficient(2)
        .setMaximumInterval(Duration.ofSeconds((long) RetrySpec.MAX_BACKOFF_SECS))
        .build();
  }
}
