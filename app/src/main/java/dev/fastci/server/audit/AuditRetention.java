package dev.fastci.server.audit;

import dev.fastci.server.FastciProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops audit entries older than {@code fastci.retention.audit} (365 days), once an hour. */
@Component
class AuditRetention {
  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditStore store;
  private final Duration keep;
  private final Clock clock = Clock.systemUTC();

  AuditRetention(AuditStore store, FastciProperties properties) {
    this.store = store;
    this.keep = properties.retention().audit();
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  void sweep() {
    int dropped = store.deleteBefore(clock.instant().minus(keep));
    if (dropped > 0) {
      log.info("dropped {} audit entries older than {}", dropped, keep);
    }
  }
}
