package dev.fastci.server.runs;

import dev.fastci.contract.TaskQueues;
import dev.fastci.worker.Engine;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-server}: only the server process records runs in its store, whichever worker
 * runs them, and runs the workflows of its own features ({@link ServerQueueService}).
 */
@Component
class RecorderWorker implements SmartLifecycle {
  private final WorkerFactory factory;
  private volatile boolean running;

  RecorderWorker(Engine engine, RunRecorder recorder, ObjectProvider<ServerQueueService> more) {
    this.factory = WorkerFactory.newInstance(engine.client());
    Worker worker = factory.newWorker(TaskQueues.SERVER);
    worker.registerActivitiesImplementations(recorder);
    more.orderedStream()
        .forEach(
            service -> {
              for (Class<?> type : service.workflowTypes()) {
                // a bug fails the execution instead of retrying its task forever
                worker.registerWorkflowImplementationTypes(
                    WorkflowImplementationOptions.newBuilder()
                        .setFailWorkflowExceptionTypes(RuntimeException.class)
                        .build(),
                    type);
              }
              worker.registerActivitiesImplementations(service.activities().toArray());
            });
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
