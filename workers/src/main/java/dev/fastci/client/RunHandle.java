package dev.fastci.client;

import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineWorkflow;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.CompletableFuture;

/**
 * A started run.
 *
 * @param workflow its live state ({@code state()}) and job cancellation
 * @param result completes with the final state, also when the run was cancelled
 */
public record RunHandle(
    String runId, PipelineWorkflow workflow, CompletableFuture<PipelineState> result) {

  /** Cancels the whole run: running containers are killed, pending jobs never start. */
  public void cancel() {
    WorkflowStub.fromTyped(workflow).cancel();
  }
}
