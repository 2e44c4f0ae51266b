package dev.fastci.service;

import dev.fastci.contract.ServiceActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;

/** What a service that failed tells the jobs that need it: why, and how its log ends. */
final class ServiceFailures {
  /** How long an ended container's output may take to reach its log before it is quoted. */
  static final Duration DRAIN = Duration.ofSeconds(3);

  private ServiceFailures() {}

  /**
   * @param what what became of it, after its name: {@code exited with code 1 before it was ready}
   */
  static String reason(String service, String what, ServiceLog log) {
    List<String> tail = log == null ? List.of() : log.tail();
    StringBuilder reason = new StringBuilder("service ").append(service).append(' ').append(what);
    if (log == null) {
      return reason.toString();
    }
    if (tail.isEmpty()) {
      return reason.append("; its log is empty").toString();
    }
    reason.append("; its log ends with:");
    tail.forEach(line -> reason.append("\n  ").append(line));
    return reason.toString();
  }

  /** The activity's failure: the service will not become ready, whatever is tried. */
  static ApplicationFailure failed(String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, ServiceActivities.SERVICE_FAILED);
  }

  /** How an ended container is described, from its status. */
  static String ended(Integer exitCode) {
    return exitCode == null ? "lost its container" : "exited with code " + exitCode;
  }
}
