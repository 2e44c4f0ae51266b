package dev.fastci.contract;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pipeline run: starts each job the moment its last parent succeeded, skips the descendants of
 * a job that did not succeed, and lets independent branches go on. Cancelling the workflow cancels
 * every job; {@link #cancelJob} cancels one.
 */
@WorkflowInterface
public interface PipelineWorkflow {

  @WorkflowMethod
  PipelineState run(PipelineRun run);

  /** Cancels one job: a running container is killed, its descendants become SKIPPED. */
  @SignalMethod
  void cancelJob(String job);

  /**
   * Approves or rejects a WAITING approval job: approved, it SUCCEEDED and its children start;
   * rejected, it FAILED. A decision for a job that is not WAITING is ignored.
   */
  @SignalMethod
  void decide(ApprovalDecision decision);

  /**
   * A try of a job attempt ended, and Temporal runs the next one after {@link JobTry#retryAt}: sent
   * by the job's activity, so that the live state and the store know each try as it happens.
   */
  @SignalMethod
  void tryEnded(String job, int attempt, JobTry ended);

  /** The live state of the run and its jobs. */
  @QueryMethod
  PipelineState state();
}
