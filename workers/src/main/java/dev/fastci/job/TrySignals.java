package dev.fastci.job;

import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineWorkflow;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the run's workflow that a try ended and another follows ({@link
 * PipelineWorkflow#tryEnded}), so its live state and the server's store show each try as it
 * happens. The activity's own execution is signalled. A signal that does not arrive costs only the
 * live view: the job's result lists every try of the attempt again.
 */
final class TrySignals {
  private static final Logger log = LoggerFactory.getLogger(TrySignals.class);

  private final WorkflowClient client;

  /**
   * @param client the worker's client, or null to send none
   */
  TrySignals(WorkflowClient client) {
    this.client = client;
  }

  void tryEnded(JobRequest request, JobTry ended) {
    if (client == null) {
      return;
    }
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    try {
      client
          .newWorkflowStub(
              PipelineWorkflow.class, info.getWorkflowId(), Optional.of(info.getRunId()))
          .tryEnded(request.job().name(), request.attempt(), ended);
    } catch (RuntimeException e) {
      log.warn(
          "run {} job {}: could not tell the workflow that try {} ended: {}",
          request.runId(),
          request.job().name(),
          ended.number(),
          e.toString());
    }
  }
}
