package dev.fastci.service;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.contract.ServiceStarted;
import dev.fastci.host.Heartbeats;
import dev.fastci.spec.ServiceSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Map;

/**
 * Starts a service and waits until it is ready, polling its readiness and heartbeating on the
 * activity's own thread, so that a cancel (the run's end) stops the wait at once.
 */
final class ServiceStart {
  static final Duration POLL_EVERY = Duration.ofMillis(250);

  private final Backend backend;
  private final ServiceLogs logs;

  ServiceStart(Backend backend, ServiceLogs logs) {
    this.backend = backend;
    this.logs = logs;
  }

  /**
   * @param spec the service's container
   * @param secrets the values of its secrets, for its log's masking
   */
  ServiceStarted start(ServiceRequest request, ContainerSpec spec, Map<String, String> secrets) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ServiceSpec service = request.service();
    JobContainer container;
    try {
      container = // a pull may take minutes: heartbeat meanwhile
          Heartbeats.during(
              () -> {
                JobContainer made = backend.createOrFind(backend.setUpRun(request.runId()), spec);
                backend.start(made);
                return made;
              });
    } catch (JobStartException e) {
      throw ServiceFailures.failed(
          ServiceFailures.reason(service.name(), "could not start: " + e.getMessage(), null));
    }
    ServiceLog log = logs.follow(request, container, secrets.values());
    Readiness readiness = Readiness.of(service);
    long started = System.currentTimeMillis();
    long deadline = started + (long) (service.readyTimeoutSecs() * 1000);
    while (true) {
      ContainerStatus status = backend.status(container);
      if (!status.running()) {
        log.awaitDrained(ServiceFailures.DRAIN);
        String what = ServiceFailures.ended(status.exitCode()) + " before it was ready";
        throw ServiceFailures.failed(ServiceFailures.reason(service.name(), what, log));
      }
      long now = System.currentTimeMillis();
      Duration left = Duration.ofMillis(Math.max(deadline - now, POLL_EVERY.toMillis()));
      if (readiness.ready(backend, container, status, left)) {
        long readyAt = System.currentTimeMillis();
        String how = readiness.describe(status);
        log.line(
            "fastci: service %s is ready (%s) after %.1f s"
                .formatted(service.name(), how, (readyAt - started) / 1000.0));
        return new ServiceStarted(container.id(), container.name(), readyAt, how);
      }
      if (System.currentTimeMillis() >= deadline) {
        String what =
            "was not ready within %s s (%s)"
                .formatted(seconds(service.readyTimeoutSecs()), readiness.describe(status));
        log.line("fastci: " + what);
        throw ServiceFailures.failed(ServiceFailures.reason(service.name(), what, log));
      }
      context.heartbeat(null); // throws when the run was cancelled
      pause();
    }
  }

  private static String seconds(double secs) {
    return secs == Math.rint(secs) ? Long.toString((long) secs) : Double.toString(secs);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the worker stops", e);
    }
  }
}
