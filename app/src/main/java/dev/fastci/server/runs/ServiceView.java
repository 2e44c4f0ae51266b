package dev.fastci.server.runs;

import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import java.time.Instant;

/**
 * A service of a run in the API's run detail (pipeline field {@code services}).
 *
 * @param attempt the run's attempt it belongs to: its log is {@code ?attempt=} of its log endpoint
 * @param error why it FAILED, with the last lines of its log; else null
 */
public record ServiceView(
    String name,
    String image,
    ServiceStatus status,
    int attempt,
    Instant startedAt,
    Instant readyAt,
    Instant finishedAt,
    String error) {

  static ServiceView of(ServiceState state) {
    return new ServiceView(
        state.name(),
        state.image(),
        state.status(),
        state.attempt(),
        instant(state.startedAt()),
        instant(state.readyAt()),
        instant(state.finishedAt()),
        state.error());
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
