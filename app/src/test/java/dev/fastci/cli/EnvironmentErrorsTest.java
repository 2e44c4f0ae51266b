package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fastci run} without a Docker engine: one line that names where the engine was looked for
 * and what to do, exit 3, nothing run. docker-java reads DOCKER_HOST from the system properties
 * too, so the engine looked for here is one that cannot exist.
 */
class EnvironmentErrorsTest {
  private static final String MISSING = "unix:///nonexistent/fastci-test/docker.sock";

  @TempDir Path dataDir;

  @BeforeEach
  void pointAtAMissingEngine() {
    System.setProperty("fastci.data-dir", dataDir.toString());
    System.setProperty("DOCKER_HOST", MISSING);
  }

  @AfterEach
  void clearSettings() {
    System.clearProperty("fastci.data-dir");
    System.clearProperty("DOCKER_HOST");
  }

  @Test
  void withoutADockerEngineARunSaysSoInOneLineAndExitsThree() {
    CliRun run = CliRun.of("run", Examples.file("hello.json"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .startsWith("fastci: no Docker engine answers at " + MISSING)
        .contains("scripts/start-docker.sh");
    assertThat(run.out()).isEmpty();
  }
}
