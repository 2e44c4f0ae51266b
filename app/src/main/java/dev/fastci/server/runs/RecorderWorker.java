package dev.fastci.server.runs;

import dev.fastci.contract.TaskQueues;
import dev.fastci.worker.Engine;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-server}: only the server process records runs in its store, whichever worker
 * runs them, and runs the workflows of its own features ({@link ServerQueueService}). The engine
 * serves it in each of its generations and stops it when it closes.
 */
@Component
class RecorderWorker implements SmartLifecycle {
  private final Engine engine;
  private final RunRecorder recorder;
  private final ObjectProvider<ServerQueueService> more;
  private volatile boolean running;

  RecorderWorker(Engine engine, RunRecorder recorder, ObjectProvider<ServerQueueService> more) {
    this.engine = engine;
    this.recorder = recorder;
    this.more = more;
  }

  @Override
  public void start() {
    List<Class<?>> workflows = new ArrayList<>();
    List<Object> activities = new ArrayList<>(List.of(recorder));
    more.orderedStream()
        .forEach(
            service -> {
              workflows.addAll(service.workflowTypes());
              activities.addAll(service.activities());
            });
    engine.serve(TaskQueues.SERVER, workflows, activities);
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
