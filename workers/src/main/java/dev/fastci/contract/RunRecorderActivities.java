package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Served by the FastCI server on {@code fastci-server}: the workflow reports each state change, so
 * the server's run store is the durable history even when Temporal keeps nothing (the embedded
 * engine). Every method is idempotent.
 */
@ActivityInterface
public interface RunRecorderActivities {

  @ActivityMethod
  void runStarted(String runId, int attempt, String host, long startedAt);

  @ActivityMethod
  void jobFinished(String runId, JobState job);

  @ActivityMethod
  void runFinished(PipelineState state);

  /** A try of a job attempt ended and another follows (a job with {@code retry}). */
  @ActivityMethod
  void tryEnded(String runId, String job, int attempt, JobTry ended);

  /** Something happened to the run besides its jobs' states (a host lost). */
  @ActivityMethod
  void runEvent(String runId, int attempt, PipelineEvent event);
}
