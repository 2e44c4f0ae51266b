package dev.fastci.server.notify;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Tells a run's webhooks of its end, on {@code fastci-server}: each delivery retried with backoff,
 * each outcome a run event. It never changes the run.
 */
@WorkflowInterface
public interface NotifyWorkflow {
  @WorkflowMethod
  void tellAll(List<Delivery> deliveries);
}
