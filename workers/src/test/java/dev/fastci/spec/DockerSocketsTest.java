package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerSocketsTest {
  @Test
  void dockerHostUnixSocketIsProtectedToo() {
    assertThat(DockerSockets.fromEnv(Map.of("DOCKER_HOST", "unix:///srv/docker/d.sock")))
        .contains(
            Path.of("/var/run/docker.sock"),
            Path.of("/run/docker.sock"),
            Path.of("/srv/docker/d.sock"));
    assertThat(DockerSockets.fromEnv(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")))
        .containsExactlyElementsOf(DockerSockets.DEFAULTS);
  }
}
