package dev.fastci.service;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.logs.LogFiles;
import dev.fastci.logs.LogShipper;
import dev.fastci.util.DaemonThreads;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the logs of the service containers of this worker into their files for as long as the
 * containers live, which is longer than any one activity: one follower per container, started by
 * the first activity that needs it, ended by the container's end (the run's teardown removes it).
 * With a {@link LogShipper}, each log also goes to the server as it grows.
 */
final class ServiceLogs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceLogs.class);

  private final Backend backend;
  private final LogFiles files;
  private final long maxLogBytes;
  private final LogShipper shipper;
  private final Map<String, ServiceLog> following = new ConcurrentHashMap<>();
  private final ExecutorService endings =
      Executors.newCachedThreadPool(DaemonThreads.named("fastci-service-log-end"));

  /**
   * @param shipper sends the logs to the server, or null when this worker's server reads its files
   */
  ServiceLogs(Backend backend, LogFiles files, long maxLogBytes, LogShipper shipper) {
    this.backend = backend;
    this.files = files;
    this.maxLogBytes = maxLogBytes;
    this.shipper = shipper;
  }

  /** The log of the container, followed from its start unless this process follows it already. */
  ServiceLog follow(ServiceRequest request, JobContainer container, Collection<String> secrets) {
    return following.computeIfAbsent(container.id(), id -> start(request, container, secrets));
  }

  private ServiceLog start(
      ServiceRequest request, JobContainer container, Collection<String> secrets) {
    String name = request.service().name();
    ServiceLog serviceLog =
        ServiceLog.open(
            files.serviceLog(request.runId(), name, request.attempt()), maxLogBytes, secrets);
    LogShipper.Shipment shipment =
        shipper == null
            ? null
            : shipper.followService(request.runId(), name, request.attempt(), serviceLog.path());
    // started already (the readiness probes need it running): followed through the logs API from
    // its start, so nothing it wrote before is missed
    JobContainer started = new JobContainer(container.id(), container.name(), true);
    backend
        .followLogs(started, serviceLog.sink())
        .whenCompleteAsync(
            (done, broke) -> {
              serviceLog.line(ending(container, broke));
              serviceLog.close();
              following.remove(container.id());
              if (shipment != null) {
                finish(shipment, request);
              }
            },
            endings);
    return serviceLog;
  }

  /** FastCI's last line in the log: how the container ended, as far as the engine says. */
  private String ending(JobContainer container, Throwable broke) {
    if (broke != null) {
      return "fastci: the log stream broke off: " + broke;
    }
    try {
      ContainerStatus status = backend.status(container);
      if (status.exitCode() != null) {
        return "fastci: the service exited with code " + status.exitCode();
      }
      return status.running()
          ? "fastci: the log stream ended while the service runs"
          : "fastci: the service was removed with the run's end";
    } catch (RuntimeException engineDown) {
      return "fastci: the log stream ended (" + engineDown.getMessage() + ")";
    }
  }

  private static void finish(LogShipper.Shipment shipment, ServiceRequest request) {
    try {
      shipment.finish();
    } catch (RuntimeException e) {
      log.warn(
          "run {}: the log of service {} did not reach the server: {}",
          request.runId(),
          request.service().name(),
          e.getMessage());
    }
  }

  /** The worker stops: the followers end with their containers, or with the process. */
  @Override
  public void close() {
    endings.shutdown();
  }
}
