package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fastci worker} refuses bad settings before it connects to anything. */
class WorkerCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int worker(Map<String, String> env, String... args) {
    return new WorkerCommand(
            CliSettings.from(env),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutATemporalTargetItSaysWhatToSet() {
    assertThat(worker(Map.of())).isEqualTo(FastciMain.USAGE);
    assertThat(err()).contains("set FASTCI_TEMPORAL_TARGET");
  }

  @Test
  void aBadHostIdIsRefusedNamingTheSetting() {
    int exit =
        worker(
            Map.of("FASTCI_TEMPORAL_TARGET", "127.0.0.1:1", "FASTCI_WORKER_HOST_ID", "two words"));

    assertThat(exit).isEqualTo(FastciMain.USAGE);
    assertThat(err()).startsWith("fastci worker: fastci.worker.host-id: must be 1 to 100 of");
  }

  @Test
  void argumentsAreRefused() {
    assertThat(worker(Map.of("FASTCI_TEMPORAL_TARGET", "127.0.0.1:1"), "extra"))
        .isEqualTo(FastciMain.USAGE);
    assertThat(err()).contains("usage: fastci worker");
  }
}
