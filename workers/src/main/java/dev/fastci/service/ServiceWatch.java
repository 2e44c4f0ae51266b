package dev.fastci.service;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.JobContainer;
import dev.fastci.contract.ServiceEnd;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.contract.ServiceStarted;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches a ready service until it ends by itself, heartbeating meanwhile on the activity's thread:
 * a cancel (the run's end) stops the watch, and a lost worker shows within the heartbeat timeout.
 */
final class ServiceWatch {
  private static final Duration HEARTBEAT_EVERY = Duration.ofMillis(500);

  private final Backend backend;
  private final ServiceLogs logs;

  ServiceWatch(Backend backend, ServiceLogs logs) {
    this.backend = backend;
    this.logs = logs;
  }

  ServiceEnd await(ServiceRequest request, ServiceStarted started, Collection<String> secrets) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    JobContainer container = new JobContainer(started.containerId(), started.containerName(), true);
    ServiceLog log = logs.follow(request, container, secrets); // again after a worker restart
    CompletableFuture<ContainerExit> exit = backend.awaitExit(container);
    String name = request.service().name();
    while (true) {
      try {
        int code = exit.get(HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS).exitCode();
        log.awaitDrained(ServiceFailures.DRAIN);
        return new ServiceEnd(code, ServiceFailures.reason(name, "exited with code " + code, log));
      } catch (TimeoutException stillRunning) {
        context.heartbeat(null); // throws when the run ends
      } catch (ExecutionException lost) {
        String what = "lost its container (" + lost.getCause().getMessage() + ")";
        return new ServiceEnd(null, ServiceFailures.reason(name, what, log));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the worker stops", e);
      }
    }
  }
}
