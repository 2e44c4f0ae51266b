package dev.fastci.server.janitor;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.runs.RunStore;
import dev.fastci.worker.Engine;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The janitor of a server that runs a worker: it sweeps once the server is ready (after the
 * unfinished runs were resumed) and then every {@code fastci.janitor.every}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "fastci.worker",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
class JanitorConfiguration {

  /**
   * Lists the containers through the engine's worker backend. Depends on the engine so that it
   * stops before the engine (and its worker and backend) do.
   */
  @Bean(destroyMethod = "close")
  Janitor janitor(RunStore store, FastciProperties properties, Engine engine) {
    return new Janitor(
        engine.managedContainers(),
        new Janitor.Runs() {
          @Override
          public Collection<String> unfinishedIds() {
            return store.unfinishedIds();
          }

          @Override
          public Set<String> existingIds(Collection<String> ids) {
            return store.existingIds(ids);
          }
        },
        properties.storeLabel(),
        properties.dataDir(),
        Janitor.ABANDONED_AFTER,
        Clock.systemUTC());
  }

  @Bean
  JanitorStart janitorStart(Janitor janitor, FastciProperties properties) {
    return new JanitorStart(janitor, properties);
  }

  /** Starts the sweeps once the server is ready; the run resumer goes first. */
  static final class JanitorStart {
    private final Janitor janitor;
    private final FastciProperties properties;

    JanitorStart(Janitor janitor, FastciProperties properties) {
      this.janitor = janitor;
      this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void start() {
      janitor.start(properties.janitor().every());
    }
  }
}
