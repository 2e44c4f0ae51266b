package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.RunIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memoization across runs, on the dummy backend: an unchanged job is replayed without a container,
 * and a change upstream reaches a memoized job through its parents' keys.
 */
class MemoizationWorkflowTest {
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
  void theSecondRunOfAnUnchangedChainCreatesNoContainer() throws Exception {
    String chain =
        "{'name':'p','jobs':["
            + "{'name':'a','image':'i','command':'true','cache':true,'env':{'DUMMY_OUTPUT':'A'}},"
            + "{'name':'b','image':'i','command':'true','cache':true}],'parents':{'b':['a']}}";

    PipelineState first = harness.run(chain);
    PipelineState second = harness.run(chain);

    assertThat(first.jobs()).extracting(JobState::cached).containsOnly(false);
    assertThat(second.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(second.jobs()).extracting(JobState::cached).containsOnly(true);
    assertThat(second.job("a").exitCode()).isZero();
    assertThat(harness.backend.journal().createdCount("a-1")).isEqualTo(1);
    assertThat(harness.backend.journal().createdCount("b-1")).isEqualTo(1);
  }

  @Test
  void aPullRequestFromAForkReadsMemosButWritesNone() throws Exception {
    String memoized =
        "{'name':'p','jobs':[{'name':'m','image':'i','command':'true','cache':true}]}";

    PipelineState untrusted = harness.start(untrusted(memoized)).await();
    PipelineState trusted = harness.run(memoized);
    PipelineState untrustedAgain = harness.start(untrusted(memoized)).await();

    assertThat(untrusted.job("m").cached()).isFalse();
    assertThat(trusted.job("m").cached()).as("the fork's run left no memo").isFalse();
    assertThat(untrustedAgain.job("m").cached()).as("a memo is read").isTrue();
  }

  private static PipelineRun untrusted(String json) {
    return new PipelineRun(RunIds.newId(), WorkflowHarness.spec(json), 1).withOrigin(null, true);
  }

  @Test
  void aChangedParentRunsItsMemoizedChildAgain() throws Exception {
    String before = parentWithEnv("1");

    harness.run(before);
    PipelineState unchanged = harness.run(before);
    PipelineState changed = harness.run(parentWithEnv("2"));

    assertThat(unchanged.job("child").cached()).isTrue();
    assertThat(unchanged.job("parent").cached()).isFalse(); // not memoized: it always runs
    assertThat(changed.job("child").cached()).isFalse();
    assertThat(harness.backend.journal().createdCount("child-1")).isEqualTo(2);
  }

  @Test
  void aFailedMemoizedJobIsNotRecorded() throws Exception {
    String failing =
        "{'name':'p','jobs':[{'name':'f','image':'i','command':'true','cache':true,"
            + "'env':{'DUMMY_EXIT_CODE':'1'}}]}";

    harness.run(failing);
    PipelineState again = harness.run(failing);

    assertThat(again.job("f").status()).isEqualTo(JobStatus.FAILED);
    assertThat(again.job("f").cached()).isFalse();
  }

  private static String parentWithEnv(String value) {
    return "{'name':'p','jobs':["
        + "{'name':'parent','image':'i','command':'true','env':{'V':'"
        + value
        + "'}},"
        + "{'name':'child','image':'i','command':'true','cache':true}],"
        + "'parents':{'child':['parent']}}";
  }
}
