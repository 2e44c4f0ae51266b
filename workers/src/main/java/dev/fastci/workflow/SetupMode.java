package dev.fastci.workflow;

import io.temporal.workflow.Workflow;

/**
 * Whether an execution shows its setup phase. Versioned: executions recorded before it start their
 * run's clock when the jobs start and report no setup steps.
 */
enum SetupMode {
  /** Before this version: the run starts after its setup, which nothing shows. */
  HIDDEN,
  /**
   * The run starts when it was accepted; each setup step (host, checkout or pipeline dir) is an
   * event of the run ({@code setup: checkout 5.90 s (mirror cloned)}), and the pipeline dir
   * activity says how its checkout went.
   */
  VISIBLE;

  private static final String CHANGE_ID = "visible-setup";

  static SetupMode detect() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1 ? VISIBLE : HIDDEN;
  }
}
