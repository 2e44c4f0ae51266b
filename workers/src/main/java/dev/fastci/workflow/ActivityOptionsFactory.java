package dev.fastci.workflow;

import dev.fastci.contract.HostLiveness;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.JobSpec;
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
   * enforced by the activity (ending in TIMED_OUT); start-to-close only bounds a stuck activity.
   */
  static JobActivities jobs(String hostQueue, JobSpec job, Duration hostWait) {
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
            .setRetryOptions(retries(hostWait))
            .build());
  }
}
