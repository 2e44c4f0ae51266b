package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

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

  /**
   * Several jobs reached their final state (the workflow sends its job records in batches since
   * version {@code batched-job-records} 1, to keep a long run's history short).
   */
  @ActivityMethod
  void jobsFinished(String runId, List<JobState> jobs);

  @ActivityMethod
  void runFinished(PipelineState state);

  /** A try of a job attempt ended and another follows (a job with {@code retry}). */
  @ActivityMethod
  void tryEnded(String runId, String job, int attempt, JobTry ended);

  /** Something happened to the run besides its jobs' states (a host lost). */
  @ActivityMethod
  void runEvent(String runId, int attempt, PipelineEvent event);
}
