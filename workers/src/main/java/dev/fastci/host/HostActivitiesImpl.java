package dev.fastci.host;

import dev.fastci.contract.HostActivities;
import dev.fastci.contract.HostAssignment;
import dev.fastci.contract.TaskQueues;

/** Answers with this worker's host queue. */
public class HostActivitiesImpl implements HostActivities {
  private final String hostId;

  public HostActivitiesImpl(String hostId) {
    this.hostId = hostId;
  }

  @Override
  public HostAssignment assignHost(String runId) {
    return new HostAssignment(hostId, TaskQueues.forHost(hostId));
  }
}
