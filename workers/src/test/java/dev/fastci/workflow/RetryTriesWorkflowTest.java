package dev.fastci.workflow;

import static dev.fastci.workflow.RetryWorkflowTest.retried;
import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tries of a job with {@code retry} as the run sees them: each try in the live state as it
 * ends, a cancel between two tries, a retry of the run with fresh tries, and a host lost between
 * two tries.
 */
class RetryTriesWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;

  private static int endedTries(WorkflowHarness.Started run) {
    PipelineState state = run.workflow().state();
    return state == null ? 0 : state.job("j").tries().size();
  }

  private static void awaitEndedTries(WorkflowHarness.Started run, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> endedTries(run) >= count);
  }

  @Test
  void theLiveStateShowsEachTryAsItEnds(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run =
          harness.start(
              spec(
                  retried(
                      "{'max':3,'when':['failure'],'backoff_secs':0.1}",
                      "'DUMMY_TRY1_EXIT_CODE':'1','DUMMY_TRY2_HOLD':'true'")));

      awaitEndedTries(run, 1);
      var live = run.workflow().state().job("j");
      assertThat(live.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(live.tries())
          .singleElement()
          .extracting(JobTry::outcome)
          .isEqualTo(JobOutcome.FAILED);
      assertThat(live.tries().get(0).retryAt()).isNotNull();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.backend.isRunning("j-1-try2"));
      harness.backend.release("j-1-try2");

      assertThat(run.await().job("j").tries()).hasSize(2);
    }
  }

  @Test
  void cancellingAJobWaitingForItsNextTryEndsItAtOnce(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run =
          harness.start(
              spec(
                  retried(
                      "{'max':2,'when':['failure'],'backoff_secs':60}", "'DUMMY_EXIT_CODE':'1'")));
      awaitEndedTries(run, 1);

      long cancelledAt = System.currentTimeMillis();
      run.workflow().cancelJob("j");
      PipelineState end = run.await();

      assertThat(System.currentTimeMillis() - cancelledAt).isLessThan(10_000);
      assertThat(end.job("j").status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(harness.backend.journal().createdCount("j-1-try2")).isZero();
      assertThat(harness.backend.journal().existing()).isEmpty();
    }
  }

  @Test
  void aRetryOfTheRunGivesTheJobItsTriesAgain(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      var spec =
          spec(retried("{'max':2,'when':['failure'],'backoff_secs':0.1}", "'DUMMY_EXIT_CODE':'1'"));
      PipelineState first = harness.start(new PipelineRun("twice", spec, 1)).await();
      PipelineState second =
          harness.start(new PipelineRun("twice", spec, 2, List.of(), "test-host", false)).await();

      assertThat(first.job("j").tries()).hasSize(2);
      assertThat(second.job("j").attempt()).isEqualTo(2);
      assertThat(second.job("j").tries()).extracting(JobTry::number).containsExactly(1, 2);
      assertThat(harness.backend.journal().createdCount("j-2")).isEqualTo(1);
      assertThat(harness.backend.journal().createdCount("j-2-try2")).isEqualTo(1);
      assertThat(harness.backend.journal().existing()).isEmpty();
    }
  }

  /**
   * The embedded Temporal gives a retried attempt no schedule-to-start timeout: the workflow asks
   * the host itself, and moves the run when it does not answer.
   */
  @Test
  void aHostLostBetweenTwoTriesMovesTheRun(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      LoneHost doomed = new LoneHost(client, dataDir.resolve("doomed"), "doomed-host");
      var spec =
          spec(
              retried(
                  "{'max':2,'when':['failure'],'backoff_secs':1}", "'DUMMY_TRY1_EXIT_CODE':'1'"));
      PipelineRun pinned =
          new PipelineRun("lost-between-tries", spec, 1, List.of(), "doomed-host", false)
              .withHostLostAfter(Duration.ofSeconds(1));
      WorkflowHarness.Started run = harness.start(pinned);
      awaitEndedTries(run, 1);
      doomed.close();

      PipelineState end = run.await();

      assertThat(end.job("j").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(end.job("j").host()).isEqualTo("test-host");
      assertThat(end.events())
          .extracting(PipelineEvent::message)
          .anyMatch(m -> m.contains("host doomed-host lost"));
      assertThat(doomed.backend.journal().createdCount("j-1-try2")).isZero();
      assertThat(harness.backend.journal().createdCount("j-1-try2")).isEqualTo(1);
    }
  }
}
