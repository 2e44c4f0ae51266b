package dev.fastci.contract;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs the services of a run on its host (on the host's services queue, so that a service never
 * holds one of the host's job slots): one call starts a service and waits until it is ready, a
 * second one watches it until the run ends. The run's teardown removes their containers.
 */
@ActivityInterface
public interface ServiceActivities {
  /** The failure type of a service that will not become ready, however often it is tried. */
  String SERVICE_FAILED = "ServiceFailed";

  /**
   * Starts the service's container (or finds the one an earlier try started), follows its log into
   * its file, and returns once the service is ready: {@code ready.tcp} accepts a connection, {@code
   * ready.command} exits 0, its image's HEALTHCHECK says healthy, or, without any of them, once it
   * started.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, of type {@link #SERVICE_FAILED},
   *     when it could not start, exited, or was not ready within {@code ready.timeout_secs}; the
   *     message says why and ends with the last lines of its log
   */
  @ActivityMethod
  ServiceStarted startService(ServiceRequest request);

  /**
   * Heartbeats while the started service runs, and answers how it ended when it exits by itself. A
   * cancel (the run's end) ends the call at once; the container stays for the run's teardown.
   */
  @ActivityMethod
  ServiceEnd awaitServiceEnd(ServiceRequest request, ServiceStarted started);
}
