package dev.fastci.server.forge.status;

import dev.fastci.worker.Engine;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-statuses}: the commit status workflows and their activities run in the
 * server, which holds the forges' tokens and the store. The engine serves it in each of its
 * generations and stops it when it closes.
 */
@Component
class StatusWorker implements SmartLifecycle {
  private final Engine engine;
  private final StatusActivitiesImpl activities;
  private volatile boolean running;

  StatusWorker(Engine engine, StatusActivitiesImpl activities) {
    this.engine = engine;
    this.activities = activities;
  }

  @Override
  public void start() {
    engine.serve(
        CommitStatusWorkflow.QUEUE, List.of(CommitStatusWorkflowImpl.class), List.of(activities));
    running = true;
  }

  @Override
  public void stop() {
    running = false; // the engine stops serving when it closes
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
