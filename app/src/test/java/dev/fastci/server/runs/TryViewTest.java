package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tries a job attempt shows: those that ended, the one after them, and which is picked. */
class TryViewTest {
  private static final JobTry FAILED_FIRST = new JobTry(1, JobOutcome.FAILED, 1, null, 0, 10, 30L);

  private static JobState job(JobStatus status, Long startedAt, List<JobTry> tries, int max) {
    return new JobState(
        "j",
        status,
        status == JobStatus.SUCCEEDED ? 0 : null,
        1,
        startedAt,
        status.isFinal() ? 50L : null,
        List.of(),
        null,
        "h",
        false,
        null,
        tries,
        max);
  }

  @Test
  void aJobWithOneTryHasThatTryAsItself() {
    List<TryView> tries = TryView.of(job(JobStatus.SUCCEEDED, 0L, List.of(), 1));

    assertThat(tries)
        .singleElement()
        .extracting(TryView::number, TryView::status, TryView::exitCode)
        .containsExactly(1, JobStatus.SUCCEEDED, 0);
  }

  @Test
  void aJobThatNeverRanHasNoTry() {
    assertThat(TryView.of(job(JobStatus.PENDING, null, List.of(), 3))).isEmpty();
    assertThat(TryView.of(job(JobStatus.SKIPPED, null, List.of(), 3))).isEmpty();
    assertThat(TryView.of(job(JobStatus.CANCELLED, null, List.of(), 3))).isEmpty();
  }

  @Test
  void theTryAfterARetriedOneIsTheJobAsItIsNow() {
    List<TryView> tries = TryView.of(job(JobStatus.RUNNING, 0L, List.of(FAILED_FIRST), 3));

    assertThat(tries).extracting(TryView::number).containsExactly(1, 2);
    assertThat(tries.get(1).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(TryView.ended(tries, 1)).isTrue();
    assertThat(TryView.ended(tries, 2)).isFalse();
  }

  @Test
  void anEndedJobsLastTryIsAmongItsTriesAlready() {
    JobTry last = new JobTry(2, JobOutcome.SUCCEEDED, 0, null, 30, 50, null);

    List<TryView> tries = TryView.of(job(JobStatus.SUCCEEDED, 0L, List.of(FAILED_FIRST, last), 3));

    assertThat(tries)
        .extracting(TryView::status)
        .containsExactly(JobStatus.FAILED, JobStatus.SUCCEEDED);
    assertThat(TryView.ended(tries, 2)).isTrue();
  }

  @Test
  void theLatestTryIsPickedByDefaultAndAnUnknownOneIsNotFound() {
    List<TryView> tries = TryView.of(job(JobStatus.RUNNING, 0L, List.of(FAILED_FIRST), 3));

    assertThat(TryView.require(tries, "j", 1, null)).isEqualTo(2);
    assertThat(TryView.require(tries, "j", 1, 1)).isEqualTo(1);
    assertThat(TryView.require(List.of(), "j", 1, null)).isEqualTo(1);
    assertThatThrownBy(() -> TryView.require(tries, "j", 1, 3))
        .isInstanceOf(RunNotFoundException.class)
        .hasMessage("attempt 1 of job j has no try 3");
    assertThatThrownBy(() -> TryView.require(tries, "j", 1, 0))
        .isInstanceOf(RunNotFoundException.class);
  }
}
