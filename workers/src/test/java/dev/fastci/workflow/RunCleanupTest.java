package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunCleanupTest {

  @Test
  void pausesDoubleFromOneSecondUpToFifteen() {
    RunCleanup cleanup = new RunCleanup(0);
    StringBuilder pauses = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      cleanup.givesUp(0);
      pauses.append(cleanup.nextPause().toSeconds()).append(' ');
    }
    assertThat(pauses.toString()).isEqualTo("1 2 4 8 15 15 15 ");
  }

  @Test
  void onlyTheFirstFailureIsTheFirst() {
    RunCleanup cleanup = new RunCleanup(0);
    cleanup.givesUp(0);
    assertThat(cleanup.isFirstFailure()).isTrue();
    cleanup.givesUp(1);
    assertThat(cleanup.isFirstFailure()).isFalse();
  }

  @Test
  void aStepIsGivenUpOnlyAfterAnHourOfFailures() {
    RunCleanup cleanup = new RunCleanup(1_000);
    long justBefore = 1_000 + RunCleanup.GIVE_UP_AFTER.toMillis() - 1;

    assertThat(cleanup.givesUp(justBefore)).isFalse();
    assertThat(cleanup.givesUp(justBefore + 1)).isTrue();
    assertThat(RunCleanup.GIVE_UP_AFTER).isEqualTo(Duration.ofHours(1));
  }
}
