package dev.fastci.host;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Makes and removes a run's pipeline dir, on the run's host. */
@ActivityInterface
public interface PipelineDirActivities {

  /** Creates the dir (and the checkout, in repo mode); returns its absolute host path. */
  @ActivityMethod
  String preparePipelineDir(PipelineDirRequest request);

  /** Removes the run's pipeline dir if it exists. */
  @ActivityMethod
  void removePipelineDir(String runId);
}
