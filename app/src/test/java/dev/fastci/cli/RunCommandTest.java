package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fastci run} refusing a spec before it starts anything: no engine, no Docker. The runs
 * themselves are in {@link RunCommandIntegrationTest}.
 */
class RunCommandTest {
  @TempDir Path dataDir;

  @BeforeEach
  void useTempDataDir() {
    System.setProperty("fastci.data-dir", dataDir.toString());
  }

  @AfterEach
  void clearDataDir() {
    System.clearProperty("fastci.data-dir");
  }

  @Test
  void invalidSpecExitsTwoAndStartsNothing() throws Exception {
    Path spec = dataDir.resolve("cycle.json");
    Files.writeString(
        spec,
        "{\"name\":\"c\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\"},"
            + "{\"name\":\"b\",\"image\":\"busybox\",\"command\":\"true\"}],"
            + "\"parents\":{\"a\":[\"b\"],\"b\":[\"a\"]}}");

    CliRun run = CliRun.of("run", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("parents: cycle a -> b -> a");
    assertThat(run.out()).isEmpty();
    assertThat(dataDir.resolve("logs")).doesNotExist();
    assertThat(dataDir.resolve("pipelines")).doesNotExist();
  }
}
