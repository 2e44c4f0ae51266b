package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Makes, keeps and removes a run's pipeline dir, on the run's host. */
@ActivityInterface
public interface PipelineDirActivities {

  /**
   * Creates the dir (and the checkout, in repo mode); returns its absolute host path. Executions
   * from before the visible setup phase call it; newer ones call {@link #setUpPipelineDir}.
   */
  @ActivityMethod
  String preparePipelineDir(PipelineDirRequest request);

  /**
   * Creates the dir (and the checkout, in repo mode); returns its path and how the checkout went.
   */
  @ActivityMethod
  PipelineDirSetUp setUpPipelineDir(PipelineDirRequest request);

  /** Removes the run's pipeline dir if it exists. */
  @ActivityMethod
  void removePipelineDir(String runId);

  /**
   * Waits until the containers of the run's finished jobs, removed in the background, are gone: the
   * run ends after this, so it leaves nothing behind.
   */
  @ActivityMethod
  void awaitContainerRemovals(String runId);

  /** The run ended: keep its dir for retries until the retention period has passed. */
  @ActivityMethod
  void keepPipelineDirForRetries(String runId);
}
