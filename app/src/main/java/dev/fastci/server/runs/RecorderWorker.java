package dev.fastci.server.runs;

import dev.fastci.contract.TaskQueues;
import dev.fastci.worker.Engine;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves {@code fastci-server}: only the server process records runs in its store, whichever worker
 * runs them. The engine serves it in each of its generations and stops it when it closes.
 */
@Component
class RecorderWorker implements SmartLifecycle {
  private final Engine engine;
  private final RunRecorder recorder;
  private volatile boolean running;

  RecorderWorker(Engine engine, RunRecorder recorder) {
    this.engine = engine;
    this.recorder = recorder;
  }

  @Override
  public void start() {
    engine.serve(TaskQueues.SERVER, recorder);
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
