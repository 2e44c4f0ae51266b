package dev.fastci.workflow;

import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Approval jobs in a whole run, on the dummy backend and Temporal's test server. */
class ApprovalWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;

  static final String PLAN_APPROVE_APPLY =
      "{'name':'deploy','parameters':{'TARGET':{'default':'staging'}},'jobs':["
          + "{'name':'plan','image':'i','command':'true'},"
          + "{'name':'approve','approval':{'message':'Deploy {{ params.TARGET }}?'%s}},"
          + "{'name':'apply','image':'i','command':'true'}],"
          + "'parents':{'approve':['plan'],'apply':['approve']}}";

  private static String gate(String timeout) {
    return PLAN_APPROVE_APPLY.formatted(timeout);
  }

  private static String events(PipelineState state) {
    return String.join("\n", state.events().stream().map(PipelineEvent::message).toList());
  }

  @Test
  void theRunWaitsAtTheApprovalAndGoesOnOnceApproved(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run = harness.start(spec(gate("")));
      run.awaitJob("approve", JobStatus.WAITING);

      PipelineState waiting = run.workflow().state();
      assertThat(waiting.status()).isEqualTo(PipelineStatus.WAITING);
      assertThat(waiting.job("plan").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(waiting.job("apply").status()).isEqualTo(JobStatus.PENDING);
      assertThat(events(waiting)).contains("approve waits for approval: Deploy staging?");

      run.workflow().decide(new ApprovalDecision("approve", true, "alice", "looks good"));
      PipelineState end = run.await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.job("approve").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(end.job("apply").status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(events(end)).contains("approve approved by alice: looks good");
      assertThat(harness.backend.journal().createdCount("approve-1")).isZero();
    }
  }

  @Test
  void aRejectionFailsTheJobWithWhoAndWhyAndSkipsWhatComesAfter(WorkflowClient client)
      throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run = harness.start(spec(gate("")));
      run.awaitJob("approve", JobStatus.WAITING);

      run.workflow().decide(new ApprovalDecision("plan", true, "bob", null)); // not waiting
      run.workflow().decide(new ApprovalDecision("approve", false, "bob", "not today"));
      PipelineState end = run.await();

      assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
      assertThat(end.job("approve").status()).isEqualTo(JobStatus.FAILED);
      assertThat(end.job("approve").error()).isEqualTo("approve rejected by bob: not today");
      assertThat(end.job("apply").status()).isEqualTo(JobStatus.SKIPPED);
      assertThat(harness.backend.journal().createdCount("apply-1")).isZero();
    }
  }

  @Test
  void anApprovalNobodyDecidesFailsAtItsTimeout(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      PipelineState end = harness.start(spec(gate(",'timeout_secs':1"))).await();

      assertThat(end.job("approve").status()).isEqualTo(JobStatus.FAILED);
      assertThat(end.job("approve").error()).isEqualTo("not approved within 1s");
      assertThat(end.job("apply").status()).isEqualTo(JobStatus.SKIPPED);
      assertThat(events(end)).contains("approve not approved within 1s");
    }
  }

  @Test
  void cancellingTheRunOrTheJobCancelsAWaitingApproval(WorkflowClient client) throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      WorkflowHarness.Started run = harness.start(spec(gate("")));
      run.awaitJob("approve", JobStatus.WAITING);
      run.handle().cancel();
      PipelineState end = run.await();
      assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
      assertThat(end.job("approve").status()).isEqualTo(JobStatus.CANCELLED);

      WorkflowHarness.Started other = harness.start(spec(gate("")));
      other.awaitJob("approve", JobStatus.WAITING);
      other.workflow().cancelJob("approve");
      PipelineState ended = other.await();
      assertThat(ended.job("approve").status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(ended.job("apply").status()).isEqualTo(JobStatus.SKIPPED);
      assertThat(ended.status()).isEqualTo(PipelineStatus.CANCELLED);
    }
  }

  @Test
  void aResumedRunWaitsAgainAtTheApprovalWithoutRerunningWhatEnded(WorkflowClient client)
      throws Exception {
    try (WorkflowHarness harness = new WorkflowHarness(client, dataDir)) {
      var spec = spec(gate(""));
      JobState plan =
          new JobState(
              "plan", JobStatus.SUCCEEDED, 0, 1, 1L, 2L, List.of(), null, "test-host", false);
      WorkflowHarness.Started run =
          harness.start(new PipelineRun("resumed-run", spec, 1, List.of(plan), null, false));
      run.awaitJob("approve", JobStatus.WAITING);

      run.workflow().decide(new ApprovalDecision("approve", true, "carol", null));
      PipelineState end = run.await();

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(harness.backend.journal().createdCount("plan-1")).isZero();
      assertThat(events(end)).contains("approve approved by carol");
    }
  }
}
