package dev.fastci.contract;

/**
 * The worker host a run is pinned to.
 *
 * @param taskQueue the host's own task queue: every later activity of the run goes there
 */
public record HostAssignment(String hostId, String taskQueue) {}
