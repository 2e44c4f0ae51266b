package dev.fastci.workflow;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against today's workflow code: a change that would break pipelines
 * already running (non-determinism) fails here. See {@link RecordWorkflowHistories}.
 */
class PipelineWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "diamond-with-pipeline-dir.json",
        "failure-and-job-cancel.json",
        "diamond-with-container-removals.json",
        "host-failover.json",
        "memoized-chain.json",
        "cleanup-after-engine-restart.json",
        "approval-approved-and-timed-out.json",
        "services.json",
        "language-v2.json",
        "retry-matrix-condition.json",
        "batched-job-records.json",
        "visible-setup-with-checkout.json",
        "visible-setup-recorded-by-a-server.json",
        "visible-setup-services-batched.json"
      })
  void recordedHistoryReplaysWithoutNonDeterminism(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history, PipelineWorkflowImpl.class);
  }
}
