package dev.fastci.service;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.spec.ServiceSpec;
import java.time.Duration;
import java.util.List;

/**
 * How a service tells it is ready: {@code ready.tcp} (its network accepts a connection on the
 * port), {@code ready.command} (exits 0 inside its container), else its image's HEALTHCHECK when it
 * has one, else its start.
 */
final class Readiness {
  private static final Duration TCP_WAIT = Duration.ofSeconds(1);

  private final Integer tcp;
  private final List<String> command;

  private Readiness(Integer tcp, List<String> command) {
    this.tcp = tcp;
    this.command = command;
  }

  static Readiness of(ServiceSpec service) {
    ServiceSpec.Ready ready = service.ready();
    return ready == null ? new Readiness(null, null) : new Readiness(ready.tcp(), ready.command());
  }

  /**
   * Whether the running service is ready now.
   *
   * @param left how long a probe may take at most
   */
  boolean ready(Backend backend, JobContainer container, ContainerStatus status, Duration left) {
    if (tcp != null) {
      return backend.acceptsTcp(container, tcp, left.compareTo(TCP_WAIT) < 0 ? left : TCP_WAIT);
    }
    if (command != null) {
      try {
        Integer exit = backend.exec(container, command, left);
        return exit != null && exit == 0;
      } catch (RuntimeException stoppedMeanwhile) {
        return false; // the next look at its status says why
      }
    }
    return status.health() == ContainerStatus.Health.NONE
        || status.health() == ContainerStatus.Health.HEALTHY;
  }

  /** What decides, in the words of the spec, as the log and the errors say it. */
  String describe(ContainerStatus status) {
    if (tcp != null) {
      return "ready.tcp " + tcp;
    }
    if (command != null) {
      return "ready.command " + String.join(" ", command);
    }
    return status.health() == ContainerStatus.Health.NONE
        ? "started, its image has no HEALTHCHECK"
        : "its image's HEALTHCHECK";
  }
}
