package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fastci run} with the embedded engine on the dummy backend: what the command prints of a
 * job's tries, without Docker.
 */
class RunCommandOnDummyBackendTest {
  @TempDir Path dataDir;

  @BeforeEach
  void useTempDataDirAndTheDummyBackend() {
    System.setProperty("fastci.data-dir", dataDir.toString());
    System.setProperty("fastci.backend", "dummy");
  }

  @AfterEach
  void clearSettings() {
    System.clearProperty("fastci.data-dir");
    System.clearProperty("fastci.backend");
  }

  @Test
  void aRetriedTryPrintsItsLogThenWhenTheNextTryComes() throws Exception {
    Path spec = dataDir.resolve("flaky.json");
    Files.writeString(
        spec,
        """
        {"name": "flaky", "jobs": [{"name": "test", "image": "i", "command": "true",
          "retry": {"max": 3, "when": ["failure"], "backoff_secs": 1},
          "env": {"DUMMY_TRY1_EXIT_CODE": "1", "DUMMY_TRY1_OUTPUT": "first try\\n",
                  "DUMMY_TRY2_OUTPUT": "second try\\n"}}]}
        """);

    CliRun run = CliRun.of("run", spec.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsSubsequence(
            "test | first try",
            "test FAILED (exit 1), retrying in 1s (try 2 of 3)",
            "test | second try",
            "test SUCCEEDED (exit 0)")
        .contains("after 2 tries")
        .contains("pipeline flaky SUCCEEDED");
  }
}
