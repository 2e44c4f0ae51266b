package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

/** How the workflow reads a failed host activity, and how often it tries again. */
class ActivityTroubleTest {

  private static ActivityFailure failed(RuntimeException cause) {
    return new ActivityFailure(
        "activity failed",
        5,
        6,
        "RunJob",
        "7",
        RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED,
        "worker",
        cause);
  }

  private static TimeoutFailure timeout(TimeoutType type) {
    return new TimeoutFailure("timed out", null, type);
  }

  @Test
  void aTaskNoWorkerTookQuestionsTheHostWithoutCountingAsATry() {
    ActivityTrouble trouble =
        ActivityTrouble.of(failed(timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START)));

    assertThat(trouble).isEqualTo(ActivityTrouble.NOT_TAKEN);
    assertThat(trouble.questionsTheHost()).isTrue();
    assertThat(trouble.countsAsATry()).isFalse();
  }

  @Test
  void aSilentWorkerQuestionsTheHostAndCountsAsATry() {
    ActivityTrouble trouble =
        ActivityTrouble.of(failed(timeout(TimeoutType.TIMEOUT_TYPE_HEARTBEAT)));

    assertThat(trouble).isEqualTo(ActivityTrouble.WENT_SILENT);
    assertThat(trouble.questionsTheHost()).isTrue();
    assertThat(trouble.countsAsATry()).isTrue();
  }

  @Test
  void otherFailuresAreRetryableUnlessTheySayOtherwiseOrWereCancelled() {
    assertThat(ActivityTrouble.of(failed(ApplicationFailure.newFailure("docker down", "IO"))))
        .isEqualTo(ActivityTrouble.RETRYABLE);
    assertThat(ActivityTrouble.of(failed(timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE))))
        .isEqualTo(ActivityTrouble.RETRYABLE);
    assertThat(
            ActivityTrouble.of(
                failed(ApplicationFailure.newNonRetryableFailure("bad commit", "Checkout"))))
        .isEqualTo(ActivityTrouble.FINAL);
    assertThat(ActivityTrouble.of(failed(new CanceledFailure("cancelled"))))
        .isEqualTo(ActivityTrouble.FINAL);
  }

  @Test
  void triesStopAtTheLimitButABusyHostsWaitsNeverCount() {
    Tries tries = new Tries(3);

    for (int i = 0; i < 10; i++) {
      assertThat(tries.another("build", ActivityTrouble.NOT_TAKEN)).isTrue();
    }
    assertThat(tries.another("build", ActivityTrouble.WENT_SILENT)).isTrue();
    assertThat(tries.another("build", ActivityTrouble.RETRYABLE)).isTrue();
    assertThat(tries.another("build", ActivityTrouble.RETRYABLE)).as("third try failed").isFalse();
    assertThat(tries.another("test", ActivityTrouble.RETRYABLE)).as("per activity").isTrue();
    assertThat(tries.another("test", ActivityTrouble.FINAL)).isFalse();
  }
}
