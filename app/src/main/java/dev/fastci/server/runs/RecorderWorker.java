package dev.fastci.server.runs;

import dev.fastci.contract.TaskQueues;
import dev.fastci.worker.Engine;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-server}: only the server process records runs in its store, whichever worker
 * runs them.
 */
@Component
class RecorderWorker implements SmartLifecycle {
  private final WorkerFactory factory;
  private volatile boolean running;

  RecorderWorker(Engine engine, RunRecorder recorder) {
    this.factory = WorkerFactory.newInstance(engine.client());
    factory.newWorker(TaskQueues.SERVER).registerActivitiesImplementations(recorder);
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
