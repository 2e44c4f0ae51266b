package dev.fastci.server.ui.run;

import dev.fastci.server.runs.ServiceView;
import dev.fastci.server.ui.Formats;
import java.time.Instant;

/**
 * A service row of the run page.
 *
 * @param readyAfter how long it took from its start to ready; "-" until it is
 * @param uptime from its start to its end, or to now while it lives
 */
public record ServiceLine(
    String name,
    String image,
    String status,
    String statusClass,
    String readyAfter,
    String uptime,
    String error) {

  static ServiceLine of(ServiceView service, Instant now) {
    return new ServiceLine(
        service.name(),
        service.image(),
        service.status().name(),
        Formats.statusClass(service.status()),
        service.readyAt() == null
            ? "-"
            : Formats.duration(service.startedAt(), service.readyAt(), now),
        Formats.duration(service.startedAt(), service.finishedAt(), now),
        service.error());
  }
}
