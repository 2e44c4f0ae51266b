package dev.fastci.workflow;

import dev.fastci.contract.ServiceActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.ServiceSpec;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The stubs of a run's service activities, on its host's services queue, and why. */
final class ServiceOptions {
  /** Pulling a service's image may take this long before its readiness timeout starts. */
  static final Duration PULL_ALLOWANCE = Duration.ofMinutes(30);

  private ServiceOptions() {}

  /**
   * Starting a service lasts its pull and its {@code ready.timeout_secs}; it heartbeats meanwhile,
   * so a lost host shows within the heartbeat timeout. WAIT_CANCELLATION_COMPLETED: the run's
   * teardown removes the run's containers only once no start can make one any more.
   */
  static ServiceActivities starting(String hostId, ServiceSpec service, Duration hostWait) {
    Duration ready = Duration.ofMillis((long) (service.readyTimeoutSecs() * 1000));
    return stub(hostId, hostWait, ready.plus(PULL_ALLOWANCE));
  }

  /** Watching a ready service lasts as long as its run, heartbeating all along. */
  static ServiceActivities watching(String hostId, Duration hostWait) {
    return stub(hostId, hostWait, ActivityOptionsFactory.JOB_MAX_DURATION);
  }

  /**
   * With host failover (a {@code hostWait}), the workflow tries an activity again itself, after
   * asking the host; a service's own failure is never retried (it is non-retryable).
   */
  private static ServiceActivities stub(String hostId, Duration hostWait, Duration limit) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.servicesOf(hostId))
            .setStartToCloseTimeout(limit)
            .setHeartbeatTimeout(ActivityOptionsFactory.JOB_HEARTBEAT_TIMEOUT)
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumAttempts(hostWait == null ? 3 : 1)
                    .setInitialInterval(Duration.ofMillis(500))
                    .build());
    if (hostWait != null) {
      options.setScheduleToStartTimeout(hostWait);
    }
    return Workflow.newActivityStub(ServiceActivities.class, options.build());
  }
}
