package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of {@code fastci worker}: where it sends job logs, and with which token. */
class CliSettingsWorkerTest {

  @Test
  void theServerUrlAndTokenMakeTheLogServer() {
    CliSettings settings =
        CliSettings.from(
            Map.of(
                "FASTCI_WORKER_SERVER_URL", "http://fastci:8080/",
                "FASTCI_API_TOKEN", "secret",
                "FASTCI_WORKER_HOST_ID", "host-a"));

    assertThat(settings.logServer().url()).isEqualTo(URI.create("http://fastci:8080/"));
    assertThat(settings.logServer().apiToken()).isEqualTo("secret");
    assertThat(settings.workerConfig().hostId()).isEqualTo("host-a");
    assertThat(settings.workerConfig().logServer())
        .as("only fastci worker sends logs, not fastci run")
        .isNull();
  }

  @Test
  void withoutAServerUrlLogsStayOnTheHost() {
    assertThat(CliSettings.from(Map.of("FASTCI_API_TOKEN", "secret")).logServer()).isNull();
  }

  @Test
  void aServerUrlWithoutTheTokenIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> CliSettings.from(Map.of("FASTCI_WORKER_SERVER_URL", "http://fastci:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fastci.api-token:");
  }

  @Test
  void aServerUrlThatIsNoHttpUrlIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () ->
                CliSettings.from(
                    Map.of("FASTCI_WORKER_SERVER_URL", "fastci:8080", "FASTCI_API_TOKEN", "t")))
        .hasMessageStartingWith("fastci.worker.server-url: must be an http(s) URL");
    assertThatThrownBy(
            () ->
                CliSettings.from(
                    Map.of("FASTCI_WORKER_SERVER_URL", "http://a b", "FASTCI_API_TOKEN", "t")))
        .hasMessageStartingWith("fastci.worker.server-url: not a URL");
  }
}
