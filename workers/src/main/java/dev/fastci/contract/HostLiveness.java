package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Served on a host's liveness queue by a worker of its own, never busy with jobs: a host whose jobs
 * wait long in its queue is either busy (this answers at once) or gone (nobody answers).
 */
@ActivityInterface
public interface HostLiveness {

  /** Returns the host id of the worker that answered. */
  @ActivityMethod
  String ping();
}
