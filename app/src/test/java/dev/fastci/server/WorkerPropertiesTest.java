package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The server's {@code fastci.worker.*} and {@code fastci.temporal.*} settings. */
class WorkerPropertiesTest {

  private static FastciProperties properties(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("fastci", FastciProperties.class);
  }

  @Test
  void defaultsRunALocalWorkerOnTheInProcessTemporalAndLoseAHostAfter60Seconds() {
    FastciProperties defaults = properties(Map.of());

    assertThat(defaults.worker().isEnabled()).isTrue();
    assertThat(defaults.worker().hostLostAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.temporal().embeddedPort()).isNull();
  }

  @Test
  void settingsAreBound() {
    FastciProperties set =
        properties(
            Map.of(
                "fastci.worker.enabled", "false",
                "fastci.worker.host-lost-after", "5s",
                "fastci.temporal.embedded-port", "7233"));

    assertThat(set.worker().isEnabled()).isFalse();
    assertThat(set.worker().hostLostAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(set.temporal().embeddedPort()).isEqualTo(7233);
  }

  @Test
  void aHostLostAfterOfZeroIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> properties(Map.of("fastci.worker.host-lost-after", "0s")))
        .hasRootCauseMessage("fastci.worker.host-lost-after: must be more than 0, got PT0S");
  }
}
