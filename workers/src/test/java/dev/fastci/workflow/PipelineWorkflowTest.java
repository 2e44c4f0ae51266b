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

import dev.fastci.backend.FakeContainerRunner.Run;
import dev.fastci.contract.JobState;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline workflow's DAG, skip, cancel and status rules, with a fake container runner. */
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
    assertThat(harness.runner.existing()).isEmpty();
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
    harness.run(
        "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'300'}},"
            + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}");

    assertThat(harness.runner.run("b-1").startedAt())
        .isGreaterThanOrEqualTo(harness.runner.run("a-1").endedAt());
  }

  @Test
  void childStartsWhenItsLastParentSucceedsWithoutWaitingForTheRestOfTheLevel() throws Exception {
    harness.run(
        "{'name':'p','jobs':[{'name':'fast','image':'i','command':'true'},"
            + "{'name':'slow','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'2000'}},"
            + "{'name':'child','image':'i','command':'true'}],'parents':{'child':['fast']}}");

    Run child = harness.runner.run("child-1");
    Run slow = harness.runner.run("slow-1");
    assertThat(child.endedAt()).isLessThan(slow.endedAt());
  }

  @Test
  void failedJobSkipsItsDescendantsWhileIndependentBranchesGoOn() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_EXIT':'2'}},"
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
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'1500'}},"
                    + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);

    PipelineState live = run.workflow().state();
    assertThat(live.status()).isEqualTo(PipelineStatus.RUNNING);
    assertThat(live.job("b").status()).isEqualTo(PENDING);
    assertThat(live.job("a").startedAt()).isNotNull();
    assertThat(run.await().status()).isEqualTo(PipelineStatus.SUCCEEDED);
  }

  @Test
  void cancellingOneRunningJobKillsItAndSkipsItsDescendants() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'20000'}},"
                    + "{'name':'b','image':'i','command':'true'},"
                    + "{'name':'c','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'300'}}],"
                    + "'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);

    run.workflow().cancelJob("a");
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(CANCELLED);
    assertThat(end.job("b").status()).isEqualTo(SKIPPED);
    assertThat(end.job("c").status()).isEqualTo(SUCCEEDED);
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(harness.runner.run("a-1").exitCode()).isEqualTo(137);
  }

  @Test
  void cancellingAPendingJobMeansItNeverStarts() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'1000'}},"
                    + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}"));
    run.awaitJob("a", RUNNING);

    run.workflow().cancelJob("b");
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(SUCCEEDED);
    assertThat(end.job("b").status()).isEqualTo(CANCELLED);
    assertThat(harness.runner.finishedRuns())
        .extracting(Run::name)
        .noneMatch(n -> n.endsWith("-b-1"));
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
  }

  @Test
  void cancellingTheWorkflowCancelsEveryJobAndWaitsForTheirContainersToGo() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'20000'}},"
                    + "{'name':'b','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'20000'}},"
                    + "{'name':'c','image':'i','command':'true'}],'parents':{'c':['a']}}"));
    run.awaitJob("a", RUNNING);
    run.awaitJob("b", RUNNING);

    run.handle().cancel();
    PipelineState end = run.await();

    assertThat(end.job("a").status()).isEqualTo(CANCELLED);
    assertThat(end.job("b").status()).isEqualTo(CANCELLED);
    assertThat(end.job("c").status()).isIn(CANCELLED, SKIPPED);
    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(harness.runner.existing()).isEmpty();
  }

  @Test
  void failureAnywhereOutweighsACancellationInThePipelineStatus() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'20000'}},"
                    + "{'name':'b','image':'i','command':'true','env':{'FAKE_EXIT':'1','FAKE_SLEEP_MS':'300'}}]}"));
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
                + "'env':{'FAKE_SLEEP_MS':'20000'}}]}");

    assertThat(end.job("a").status()).isEqualTo(TIMED_OUT);
    assertThat(end.job("a").exitCode()).isEqualTo(137);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void jobThatCannotStartEndsInErrorWithTheReasonAndSkipsItsChildren() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                + "'env':{'FAKE_START_ERROR':'image i is missing'}},"
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
                + "'env':{'FAKE_LOST':'1','FAKE_SLEEP_MS':'200'}}]}");

    assertThat(end.job("a").status()).isEqualTo(ERROR);
    assertThat(end.job("a").error()).contains("lost the job's container", "Docker engine restart");
    assertThat(harness.runner.createdCount("a-1")).isEqualTo(1);
  }
}
