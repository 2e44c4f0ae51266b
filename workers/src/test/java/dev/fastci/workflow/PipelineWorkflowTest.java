package dev.fastci.workflow;

import static dev.fastci.contract.JobStatus.CANCELLED;
import static dev.fastci.contract.JobStatus.ERROR;
import static dev.fastci.contract.JobStatus.FAILED;
import static dev.fastci.contract.JobStatus.PENDING;
import static dev.fastci.contract.JobStatus.RUNNING;
import static dev.fastci.contract.JobStatus.SKIPPED;
import static dev.fastci.contract.JobStatus.SUCCEEDED;
import static dev.fastci.contract.JobStatus.TIMED_OUT;
import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.backend.dummy.DummyJournal.Run;
import dev.fastci.contract.JobState;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline workflow's DAG, skip, cancel and status rules, on the dummy backend: jobs that must
 * still run while the test acts are held ({@code DUMMY_HOLD}) until it releases them.
 */
class PipelineWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;
  private WorkflowHarness harness;

  @BeforeEach
  void startWorker(WorkflowClient client) {
    harness = new WorkflowHarness(client, dataDir);
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertThat(harness.backend.journal().existing()).isEmpty();
    harness.close();
  }

  @Test
  void allJobsSucceedingMakesThePipelineSucceedOnTheAssignedHost() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true'},"
                + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}");

    assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(end.host()).isEqualTo("test-host");
    assertThat(end.jobs()).extracting(JobState::status).containsOnly(SUCCEEDED);
    assertThat(end.job("b").exitCode()).isZero();
    assertThat(end.job("b").host()).isEqualTo("test-host");
  }

  @Test
  void childStartsOnlyAfterItsParentSucceeded() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                    + "'env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);
    assertThat(run.workflow().state().job("b").status()).isEqualTo(PENDING);
    harness.backend.release("a-1");
    run.await();

    assertThat(harness.backend.journal().run("b-1").startedAt())
        .isGreaterThanOrEqualTo(harness.backend.journal().run("a-1").endedAt());
  }

  @Test
  void childStartsWhenItsLastParentSucceedsWithoutWaitingForTheRestOfTheLevel() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'fast','image':'i','command':'true'},"
                    + "{'name':'slow','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'child','image':'i','command':'true'}],'parents':{'child':['fast']}}"));
    run.awaitJob("child", SUCCEEDED);
    harness.backend.release("slow-1");
    run.await();

    Run child = harness.backend.journal().run("child-1");
    Run slow = harness.backend.journal().run("slow-1");
    assertThat(child.endedAt()).isLessThan(slow.endedAt());
  }

  @Test
  void failedJobSkipsItsDescendantsWhileIndependentBranchesGoOn() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_EXIT_CODE':'2'}},"
                + "{'name':'b','image':'i','command':'true'},{'name':'c','image':'i','command':'true'},"
                + "{'name':'d','image':'i','command':'true'}],'parents':{'b':['a'],'c':['b']}}");

    assertThat(end.job("a").status()).isEqualTo(FAILED);
    assertThat(end.job("a").exitCode()).isEqualTo(2);
    assertThat(end.job("b").status()).isEqualTo(SKIPPED);
    assertThat(end.job("c").status()).isEqualTo(SKIPPED);
    assertThat(end.job("d").status()).isEqualTo(SUCCEEDED);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void queryShowsTheLiveStateOfARunningPipeline() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);

    PipelineState live = run.workflow().state();
    assertThat(live.status()).isEqualTo(PipelineStatus.RUNNING);
    assertThat(live.job("b").status()).isEqualTo(PENDING);
    assertThat(live.job("a").startedAt()).isNotNull();
    harness.backend.release("a-1");
    assertThat(run.await().status()).isEqualTo(PipelineStatus.SUCCEEDED);
  }

  @Test
  void cancellingOneRunningJobKillsItAndSkipsItsDescendants() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true'},"
                    + "{'name':'c','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}}],"
                    + "'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> harness.backend.isRunning("a-1"));

    run.workflow().cancelJob("a");
    run.awaitJob("a", CANCELLED);
    harness.backend.release("c-1");
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(CANCELLED);
    assertThat(end.job("b").status()).isEqualTo(SKIPPED);
    assertThat(end.job("c").status()).isEqualTo(SUCCEEDED);
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(harness.backend.journal().run("a-1").exitCode()).isEqualTo(137);
  }

  @Test
  void cancellingAPendingJobMeansItNeverStarts() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);

    run.workflow().cancelJob("b");
    run.awaitJob("b", CANCELLED);
    harness.backend.release("a-1");
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(SUCCEEDED);
    assertThat(end.job("b").status()).isEqualTo(CANCELLED);
    assertThat(harness.backend.journal().finishedRuns())
        .extracting(Run::name)
        .noneMatch(n -> n.endsWith("-b-1"));
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
  }

  @Test
  void cancellingTheWorkflowCancelsEveryJobAndWaitsForTheirContainersToGo() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'c','image':'i','command':'true'}],'parents':{'c':['a']}}"));
    run.awaitJob("a", RUNNING);
    run.awaitJob("b", RUNNING);

    run.handle().cancel();
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(CANCELLED);
    assertThat(end.job("b").status()).isEqualTo(CANCELLED);
    assertThat(end.job("c").status()).isIn(CANCELLED, SKIPPED);
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(harness.backend.journal().existing()).isEmpty();
  }

  @Test
  void failureAnywhereOutweighsACancellationInThePipelineStatus() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'b','image':'i','command':'true','env':{'DUMMY_EXIT_CODE':'1'}}]}"));
    run.awaitJob("a", RUNNING);

    run.workflow().cancelJob("a");
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(CANCELLED);
    assertThat(end.job("b").status()).isEqualTo(FAILED);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void jobPastItsTimeoutIsKilledAndTimedOut() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','timeout_secs':0.3,"
                + "'env':{'DUMMY_HOLD':'true'}}]}");

    assertThat(end.job("a").status()).isEqualTo(TIMED_OUT);
    assertThat(end.job("a").exitCode()).isEqualTo(137);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void jobThatCannotStartEndsInErrorWithTheReasonAndSkipsItsChildren() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                + "'env':{'DUMMY_CREATE_ERROR':'image i is missing'}},"
                + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}");

    assertThat(end.job("a").status()).isEqualTo(ERROR);
    assertThat(end.job("a").error()).isEqualTo("image i is missing");
    assertThat(end.job("b").status()).isEqualTo(SKIPPED);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void jobWhoseContainerVanishesEndsInErrorInsteadOfRunningTwice() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                + "'env':{'DUMMY_LOST':'1','DUMMY_SLEEP_MS':'200'}}]}");

    assertThat(end.job("a").status()).isEqualTo(ERROR);
    assertThat(end.job("a").error()).contains("lost the job's container", "Docker engine restart");
    assertThat(harness.backend.journal().createdCount("a-1")).isEqualTo(1);
  }
}
