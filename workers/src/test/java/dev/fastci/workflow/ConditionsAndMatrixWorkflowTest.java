package dev.fastci.workflow;

import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.RunFacts;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Conditions and matrix instances in a whole run, on the dummy backend. */
class ConditionsAndMatrixWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;

  private static PipelineRun run(String id, PipelineSpec spec, RunFacts facts) {
    return new PipelineRun(id, spec, 1).withConditionSkips(spec.conditionSkips(facts));
  }

  @Test
  void aJobWhoseBranchDoesNotMatchIsSkippedWithItsReasonAndTheRunSucceeds(WorkflowClient client)
      throws Exception {
    PipelineSpec spec =
        spec(
            "{'name':'p','jobs':[{'name':'test','image':'i','command':'true'},"
                + "{'name':'deploy','image':'i','command':'true','when':{'branch':'main'}},"
                + "{'name':'after','image':'i','command':'true'}],"
                + "'parents':{'deploy':['test'],'after':['deploy']}}");
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      PipelineState end =
          harness.start(run("cond-run", spec, new RunFacts("push", "feature/x", null))).await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.job("test").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(end.job("deploy").skipReason())
          .isEqualTo("when.branch: feature/x does not match main");
      assertThat(end.job("after").skipReason()).isEqualTo("parent deploy was skipped");
      assertThat(harness.backend.journal().createdCount("deploy-1")).isZero();
    }
  }

  @Test
  void aFailureRunsTheFailureAndAlwaysJobsAndTheRunStaysFailed(WorkflowClient client)
      throws Exception {
    PipelineSpec spec =
        spec(
            "{'name':'p','jobs':[{'name':'test','image':'i','command':'true',"
                + "'env':{'DUMMY_EXIT_CODE':'1'}},"
                + "{'name':'notify','image':'i','command':'true','when':{'status':'failure'}},"
                + "{'name':'report','image':'i','command':'true','when':{'status':'always'}},"
                + "{'name':'deploy','image':'i','command':'true'}],"
                + "'parents':{'notify':['test'],'report':['test'],'deploy':['test']}}");
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      PipelineState end = harness.start(run("fail-run", spec, RunFacts.manual())).await();

      assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
      assertThat(end.job("notify").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(end.job("report").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(end.job("deploy").status()).isEqualTo(JobStatus.SKIPPED);
    }
  }

  @Test
  void everyMatrixInstanceRunsWithItsValuesBeforeTheJobThatNeedsThemAll(WorkflowClient client)
      throws Exception {
    PipelineSpec spec =
        spec(
            "{'name':'p','jobs':[{'name':'t','image':'i','command':'echo {{ matrix.v }}',"
                + "'matrix':{'v':['1','2','3']}},"
                + "{'name':'sum','image':'i','command':'true'}],'parents':{'sum':['t']}}");
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      PipelineState end = harness.start(run("matrix-run", spec, RunFacts.manual())).await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.jobs())
          .extracting(JobState::name)
          .containsExactly("t.v-1", "t.v-2", "t.v-3", "sum");
      assertThat(harness.backend.journal().createdSpec("t.v-2-1").command())
          .containsExactly("echo", "2");
      assertThat(harness.backend.journal().createdSpec("t.v-2-1").env())
          .containsEntry("MATRIX_V", "2");
      long lastInstanceEnd =
          end.jobs().stream()
              .filter(j -> j.name().startsWith("t."))
              .mapToLong(JobState::finishedAt)
              .max()
              .orElseThrow();
      assertThat(end.job("sum").startedAt()).isGreaterThanOrEqualTo(lastInstanceEnd);
    }
  }
}
