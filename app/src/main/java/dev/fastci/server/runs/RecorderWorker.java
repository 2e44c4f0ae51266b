package dev.fastci.server.runs;

import dev.fastci.contract.TaskQueues;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.notify.NotifyWorkflowImpl;
import dev.fastci.server.notify.WebhookDeliveries;
import dev.fastci.worker.Engine;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-server}: only the server process records runs in its store, whichever worker
 * runs them, and tells their webhooks of their end.
 */
@Component
class RecorderWorker implements SmartLifecycle {
  private final WorkerFactory factory;
  private volatile boolean running;

  RecorderWorker(Engine engine, RunRecorder recorder, RunEventsStore events) {
    this.factory = WorkerFactory.newInstance(engine.client());
    Worker worker = factory.newWorker(TaskQueues.SERVER);
    worker.registerActivitiesImplementations(
        recorder, new WebhookDeliveries(SecretSource.environment(), events::addEvent));
    worker.registerWorkflowImplementationTypes(NotifyWorkflowImpl.class);
  }

  @Override
  public void start() {
    factory.start();
    running = true;
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(5, TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
