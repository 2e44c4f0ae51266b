package dev.fastci.workflow;

import static dev.fastci.contract.JobOutcome.ERROR;
import static dev.fastci.contract.JobOutcome.FAILED;
import static dev.fastci.contract.JobOutcome.SUCCEEDED;
import static dev.fastci.contract.JobOutcome.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineState;
import dev.fastci.logs.LogFiles;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's {@code retry} on the dummy backend: Temporal runs the job's activity again after a try
 * whose end {@code retry.when} covers, each try in a fresh container with its own log, and any
 * other end is final. Per-try behaviour comes from {@code DUMMY_TRY<n>_*} keys.
 */
class RetryWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;
  private WorkflowClient client;
  private WorkflowHarness harness;

  @BeforeEach
  void startWorker(WorkflowClient client) {
    this.client = client;
    harness = new WorkflowHarness(client, dataDir);
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertThat(harness.backend.journal().existing()).isEmpty();
    harness.close();
  }

  /** One job {@code j} with this retry and environment. */
  static String retried(String retry, String env) {
    return "{'name':'p','jobs':[{'name':'j','image':'i','command':'true','retry':"
        + retry
        + ",'env':{"
        + env
        + "}}]}";
  }

  private static JobState job(PipelineState end) {
    return end.job("j");
  }

  @Test
  void aFailedTryIsRunAgainByTemporalInAFreshContainerWithItsOwnLog() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                retried(
                    "{'max':3,'when':['failure'],'backoff_secs':0.1}",
                    "'DUMMY_TRY1_EXIT_CODE':'1','DUMMY_TRY1_OUTPUT':'first\\n',"
                        + "'DUMMY_TRY2_OUTPUT':'second\\n'")));
    PipelineState end = run.await();

    assertThat(job(end).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job(end).maxTries()).isEqualTo(3);
    assertThat(job(end).tries()).extracting(JobTry::outcome).containsExactly(FAILED, SUCCEEDED);
    assertThat(job(end).tries().get(0).exitCode()).isEqualTo(1);
    assertThat(job(end).tries().get(0).retryAt()).isNotNull();
    assertThat(job(end).tries().get(1).retryAt()).as("the last try").isNull();
    assertThat(harness.backend.journal().createdCount("j-1")).isEqualTo(1);
    assertThat(harness.backend.journal().createdCount("j-1-try2")).isEqualTo(1);
    LogFiles logs = new LogFiles(dataDir);
    String runId = run.handle().runId();
    assertThat(Files.readString(logs.jobLog(runId, "j", 1))).isEqualTo("first\n");
    assertThat(Files.readString(logs.jobLog(runId, "j", 1, 2))).isEqualTo("second\n");
    assertThat(jobActivitiesScheduled(runId)).as("one activity, retried by Temporal").isEqualTo(1);
  }

  @Test
  void anOutcomeThatRetryDoesNotListIsFinal() throws Exception {
    PipelineState end =
        harness.run(retried("{'max':3,'backoff_secs':0.1}", "'DUMMY_EXIT_CODE':'1'"));

    assertThat(job(end).status()).isEqualTo(JobStatus.FAILED);
    assertThat(job(end).tries()).extracting(JobTry::outcome).containsExactly(FAILED);
    assertThat(harness.backend.journal().createdCount("j-1-try2")).isZero();
  }

  @Test
  void onlyTheExitCodesOfFailureEntriesAreRetried() throws Exception {
    PipelineState end =
        harness.run(
            retried(
                "{'max':5,'when':['failure:3'],'backoff_secs':0.1}",
                "'DUMMY_TRY1_EXIT_CODE':'3','DUMMY_TRY2_EXIT_CODE':'4'"));

    assertThat(job(end).status()).isEqualTo(JobStatus.FAILED);
    assertThat(job(end).exitCode()).isEqualTo(4);
    assertThat(job(end).tries()).extracting(JobTry::exitCode).containsExactly(3, 4);
    assertThat(harness.backend.journal().createdCount("j-1-try3")).isZero();
  }

  @Test
  void aTimedOutTryIsRetriedWhenTimeoutIsListed() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'j','image':'i','command':'true','timeout_secs':0.3,"
                + "'retry':{'max':2,'when':['timeout'],'backoff_secs':0.1},"
                + "'env':{'DUMMY_TRY1_HOLD':'true'}}]}");

    assertThat(job(end).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job(end).tries()).extracting(JobTry::outcome).containsExactly(TIMED_OUT, SUCCEEDED);
  }

  @Test
  void aTryThatCouldNotStartIsRetriedByDefault() throws Exception {
    PipelineState end =
        harness.run(
            retried("{'max':2,'backoff_secs':0.1}", "'DUMMY_TRY1_CREATE_ERROR':'image i is gone'"));

    assertThat(job(end).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job(end).tries()).extracting(JobTry::outcome).containsExactly(ERROR, SUCCEEDED);
    assertThat(job(end).tries().get(0).error()).isEqualTo("image i is gone");
  }

  @Test
  void theWaitBeforeEachTryDoublesAndTheJobEndsWithItsLastTry() throws Exception {
    PipelineState end =
        harness.run(
            retried("{'max':3,'when':['failure'],'backoff_secs':0.3}", "'DUMMY_EXIT_CODE':'2'"));

    assertThat(job(end).status()).isEqualTo(JobStatus.FAILED);
    assertThat(job(end).tries()).hasSize(3);
    var journal = harness.backend.journal();
    assertThat(journal.run("j-1-try2").startedAt() - journal.run("j-1").endedAt())
        .isGreaterThanOrEqualTo(300);
    assertThat(journal.run("j-1-try3").startedAt() - journal.run("j-1-try2").endedAt())
        .isGreaterThanOrEqualTo(600);
    JobTry first = job(end).tries().get(0);
    assertThat(first.retryAt() - first.finishedAt()).isEqualTo(300);
    JobTry second = job(end).tries().get(1);
    assertThat(second.retryAt() - second.finishedAt()).isEqualTo(600);
  }

  private long jobActivitiesScheduled(String runId) {
    return client.fetchHistory(runId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .filter(a -> a.getActivityType().getName().equals("RunJob"))
        .count();
  }
}
