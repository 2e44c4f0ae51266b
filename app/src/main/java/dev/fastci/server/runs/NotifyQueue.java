package dev.fastci.server.runs;

import dev.fastci.secrets.SecretSource;
import dev.fastci.server.notify.NotifyWorkflowImpl;
import dev.fastci.server.notify.WebhookDeliveries;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The notification workflows and their webhook deliveries run in the server; each outcome becomes
 * an event of the run.
 */
@Component
class NotifyQueue implements ServerQueueService {
  private final RunEventsStore events;

  NotifyQueue(RunEventsStore events) {
    this.events = events;
  }

  @Override
  public List<Class<?>> workflowTypes() {
    return List.of(NotifyWorkflowImpl.class);
  }

  @Override
  public List<Object> activities() {
    return List.of(
        new WebhookDeliveries(
            SecretSource.environment(),
            (runId, attempt, message) ->
                events.addEvent(runId, new RunEvent(Instant.now(), attempt, message))));
  }
}
