package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host paths on the command line: without {@code fastci.volumes.allowed-roots} the user's own
 * machine is theirs (any path but the Docker socket and /); with it, the roots apply.
 */
class HostPathCliTest {
  private static final String ROOTS = "fastci.volumes.allowed-roots";

  @TempDir Path dir;

  @AfterEach
  void clearSetting() {
    System.clearProperty(ROOTS);
    System.clearProperty("fastci.data-dir");
  }

  private Path spec(String volume) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(
        file,
        "{\"name\":\"p\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox:latest\","
            + "\"command\":\"true\",\"volumes\":[\""
            + volume
            + "\"]}]}");
    return file;
  }

  @Test
  void withoutAllowedRootsAnyHostPathButTheSocketAndRootIsValid() throws Exception {
    assertThat(CliRun.of("validate", spec("/etc:/host-etc:ro").toString()).exitCode()).isZero();

    CliRun socket = CliRun.of("validate", spec("/var/run/docker.sock:/d.sock").toString());
    assertThat(socket.exitCode()).isEqualTo(2);
    assertThat(socket.err())
        .contains("jobs[0].volumes[0]: /var/run/docker.sock")
        .contains("Docker socket");

    CliRun root = CliRun.of("validate", spec("/:/host").toString());
    assertThat(root.exitCode()).isEqualTo(2);
    assertThat(root.err()).contains("host's root directory");
  }

  @Test
  void allowedRootsFromTheSystemPropertyApply() throws Exception {
    System.setProperty(ROOTS, dir.toString());

    CliRun outside = CliRun.of("validate", spec("/etc:/host-etc").toString());
    assertThat(outside.exitCode()).isEqualTo(2);
    assertThat(outside.err())
        .contains(
            "jobs[0].volumes[0]: /etc is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
    assertThat(CliRun.of("validate", spec(dir + "/out:/out").toString()).exitCode()).isZero();
  }

  @Test
  void runRefusesTheSocketWithExitTwoBeforeStartingAnything() throws Exception {
    System.setProperty("fastci.data-dir", dir.resolve("data").toString());

    CliRun run = CliRun.of("run", spec("/run/docker.sock:/var/run/docker.sock").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("jobs[0].volumes[0]: /run/docker.sock is the Docker socket");
    assertThat(run.out()).isEmpty();
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void settingsReadTheRootsFromTheEnvironment() {
    assertThat(CliSettings.from(Map.of()).allowedRoots()).isNull();
    assertThat(
            CliSettings.from(Map.of("FASTCI_VOLUMES_ALLOWED_ROOTS", "/srv/a, /srv/b,"))
                .allowedRoots())
        .containsExactly("/srv/a", "/srv/b");
    assertThat(CliSettings.from(Map.of("DOCKER_HOST", "unix:///srv/docker.sock")).dockerSockets())
        .contains(Path.of("/srv/docker.sock"));
  }

  @Test
  void aRelativeRootIsReportedAsABadSetting() throws Exception {
    System.setProperty(ROOTS, "relative/dir");

    CliRun run = CliRun.of("validate", spec("cache:/cache").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("fastci: fastci.volumes.allowed-roots: relative/dir");
  }
}
