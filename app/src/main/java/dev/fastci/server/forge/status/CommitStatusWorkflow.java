package dev.fastci.server.forge.status;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reports one run's state to the forge, as a commit status, apart from the run's own workflow: a
 * forge that is down never fails or delays a run. Started (or told) with signal-with-start whenever
 * the run changes; it sends the newest state, with retries, and ends once it sent a final one and
 * nothing changed since. Changes that arrive while a report is on its way are folded into one: only
 * the newest state is sent.
 */
@WorkflowInterface
public interface CommitStatusWorkflow {
  /** The task queue the server serves statuses on. */
  String QUEUE = "fastci-statuses";

  /** The workflow id of a run's statuses. */
  static String idOf(String runId) {
    return "commit-status-" + runId;
  }

  @WorkflowMethod
  void report(StatusTarget target);

  /** The run changed: its newest state is to be sent. */
  @SignalMethod
  void changed();
}
