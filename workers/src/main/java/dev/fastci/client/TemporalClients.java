package dev.fastci.client;

import io.temporal.client.WorkflowClient;
import java.util.function.Function;

/**
 * The Temporal client every call about runs goes through. For a cluster it is always the same one;
 * the embedded engine is replaced now and then by a fresh one (a generation), and a call made while
 * that happens waits until the new one serves.
 */
public interface TemporalClients {

  /** Starts an execution with the client of the engine that takes new executions. */
  <T> T starting(Function<WorkflowClient, T> start);

  /** Calls the engine that holds the open executions (a query, a signal, a cancel, a describe). */
  <T> T using(Function<WorkflowClient, T> call);

  /** One client, never replaced: a cluster's, or a test's. */
  static TemporalClients of(WorkflowClient client) {
    return new TemporalClients() {
      @Override
      public <T> T starting(Function<WorkflowClient, T> start) {
        return start.apply(client);
      }

      @Override
      public <T> T using(Function<WorkflowClient, T> call) {
        return call.apply(client);
      }
    };
  }
}
