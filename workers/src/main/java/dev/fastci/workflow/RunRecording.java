package dev.fastci.workflow;

import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunRecorderActivities;
import dev.fastci.contract.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a run's state changes to the server's store without waiting for them: the DAG goes on while
 * the record is written. Records are sent outside the run's cancellation scope (a cancelled run
 * must still be recorded), and the workflow ends only after all of them arrived.
 */
final class RunRecording {
  /** The store must get every record: retry until the server is back, however long that takes. */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVER)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private final RunRecorderActivities recorder =
      Workflow.newActivityStub(RunRecorderActivities.class, OPTIONS);
  private final List<Promise<Void>> pending = new ArrayList<>();

  void send(Consumer<RunRecorderActivities> event) {
    Workflow.newDetachedCancellationScope(
            () -> pending.add(Async.procedure(() -> event.accept(recorder))))
        .run();
  }

  /** Waits for every record so far, then records the end. */
  void finish(PipelineState end) {
    Workflow.newDetachedCancellationScope(
            () -> {
              Promise.allOf(pending).get();
              recorder.runFinished(end);
            })
        .run();
  }
}
