package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.backend.JobStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which platforms a host can run, read from a binfmt_misc directory laid out like the kernel's. */
class PlatformSupportTest {
  @TempDir Path binfmt;

  @Test
  void theHostsOwnArchitectureNeedsNoHandler() {
    PlatformSupport amd64 = new PlatformSupport(binfmt, "amd64");

    assertThatCode(() -> amd64.check("linux/amd64")).doesNotThrowAnyException();
    assertThatCode(() -> amd64.check("linux/386")).doesNotThrowAnyException();
  }

  @Test
  void anotherArchitectureRunsWithAnEnabledQemuHandler() throws IOException {
    handlers("enabled", "qemu-aarch64", "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64\n");

    assertThatCode(() -> new PlatformSupport(binfmt, "amd64").check("linux/arm64/v8"))
        .doesNotThrowAnyException();
  }

  @Test
  void withoutAHandlerTheErrorSaysHowToInstallQemu() {
    assertThatThrownBy(() -> new PlatformSupport(binfmt, "amd64").check("linux/arm64"))
        .isInstanceOf(JobStartException.class)
        .hasMessageContaining("platform linux/arm64 cannot run on this amd64 host")
        .hasMessageContaining("no enabled binfmt handler for aarch64")
        .hasMessageContaining("Install qemu-user-static and register binfmt");
  }

  @Test
  void aDisabledHandlerDoesNotCount() throws IOException {
    handlers("enabled", "qemu-aarch64", "disabled\n");

    assertThatThrownBy(() -> new PlatformSupport(binfmt, "amd64").check("linux/arm64"))
        .hasMessageContaining("qemu-user-static");
  }

  @Test
  void binfmtSwitchedOffDisablesEveryHandler() throws IOException {
    handlers("disabled", "qemu-aarch64", "enabled\n");

    assertThatThrownBy(() -> new PlatformSupport(binfmt, "amd64").check("linux/arm64"))
        .hasMessageContaining("qemu-user-static");
  }

  @Test
  void onlyLinuxContainersRun() {
    assertThatThrownBy(() -> new PlatformSupport(binfmt, "amd64").check("windows/amd64"))
        .hasMessageContaining("only linux containers");
  }

  @Test
  void jvmArchitectureNamesMapToDockers() {
    org.assertj.core.api.Assertions.assertThat(PlatformSupport.dockerArch("x86_64"))
        .isEqualTo("amd64");
    org.assertj.core.api.Assertions.assertThat(PlatformSupport.dockerArch("aarch64"))
        .isEqualTo("arm64");
  }

  private void handlers(String status, String handler, String content) throws IOException {
    Files.writeString(binfmt.resolve("status"), status + "\n");
    Files.writeString(binfmt.resolve(handler), content);
  }
}
