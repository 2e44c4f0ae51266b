package dev.fastci.server.forge.status;

import dev.fastci.worker.Engine;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-statuses}: the commit status workflows and their activities run in the
 * server, which holds the forges' tokens and the store.
 */
@Component
class StatusWorker implements SmartLifecycle {
  private final WorkerFactory factory;
  private volatile boolean running;

  StatusWorker(Engine engine, StatusActivitiesImpl activities) {
    this.factory = WorkerFactory.newInstance(engine.client());
    var worker = factory.newWorker(CommitStatusWorkflow.QUEUE);
    worker.registerWorkflowImplementationTypes(CommitStatusWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
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
