package dev.fastci.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recognising, from its log, a foreign-platform container that could not execute its program. */
class ExecFormatErrorsTest {
  @TempDir Path dir;

  @Test
  void anExecFormatErrorOfAPlatformJobSaysHowToEnableQemu() throws Exception {
    Path log = dir.resolve("job.log");
    Files.writeString(
        log, "standard_init_linux.go:228: exec user process caused: exec format error\n");

    assertThat(ExecFormatErrors.explain(log, "linux/arm64"))
        .get()
        .asString()
        .contains("platform linux/arm64", "exec format error", "qemu-user-static");
  }

  @Test
  void otherFailuresAndJobsWithoutPlatformAreLeftAlone() throws Exception {
    Path log = dir.resolve("job.log");
    Files.writeString(log, "1 test failed\n");
    Path formatError = dir.resolve("other.log");
    Files.writeString(formatError, "exec format error\n");

    assertThat(ExecFormatErrors.explain(log, "linux/arm64")).isEmpty();
    assertThat(ExecFormatErrors.explain(formatError, null)).isEmpty();
    assertThat(ExecFormatErrors.explain(dir.resolve("missing.log"), "linux/arm64")).isEmpty();
  }
}
