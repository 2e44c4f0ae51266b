package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Served on the shared task queue: whichever worker picks the first task of a run becomes its host,
 * so the run's pipeline dir is a plain local directory shared by all its jobs.
 */
@ActivityInterface
public interface HostActivities {

  @ActivityMethod
  HostAssignment assignHost(String runId);
}
