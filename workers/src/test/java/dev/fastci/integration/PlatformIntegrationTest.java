package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code platform}: a job for another architecture runs under QEMU, or ends in ERROR saying how.
 */
@ExtendWith(DockerEngine.class)
class PlatformIntegrationTest {
  static final String ARM64_IMAGE = "busybox:arm64";
  private static LocalEngine engine;

  @BeforeAll
  static void startEngine() {
    DockerEngine.requireImage(ARM64_IMAGE, "scripts/arm64-image.sh");
    engine = LocalEngine.start();
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void anArm64JobRunsUnderQemu() {
    PipelineState state =
        engine.run(
            """
            {"name": "arm", "jobs": [{"name": "arch", "image": "busybox:arm64",
              "platform": "linux/arm64", "command": "uname -m"}]}
            """);

    JobState arch = state.job("arch");
    assertThat(arch.status()).as("%s", arch).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "arch")).isEqualTo("aarch64\n");
    assertNoContainersOf(state.runId());
  }

  @Test
  void aPlatformWithoutBinfmtHandlerEndsInErrorWithInstructions() {
    PipelineState state =
        engine.run(
            """
            {"name": "s390x", "jobs": [{"name": "arch", "image": "busybox:latest",
              "platform": "linux/s390x", "command": "uname -m"}]}
            """);

    JobState arch = state.job("arch");
    assertThat(arch.status()).isEqualTo(JobStatus.ERROR);
    assertThat(arch.error())
        .contains("platform linux/s390x cannot run on this ")
        .contains("Install qemu-user-static and register binfmt");
    assertThat(engine.logText(state.runId(), "arch")).contains("qemu-user-static");
    assertNoContainersOf(state.runId());
  }
}
