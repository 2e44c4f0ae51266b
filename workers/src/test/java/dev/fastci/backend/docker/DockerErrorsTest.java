package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {

  @Test
  void theEnginesMessageComesOutOfItsJsonWithItsQuotesUnescaped() {
    var pullFailed =
        new InternalServerErrorException(
            "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp:"
                + " lookup registry-1.docker.io: no such host\"}\n");

    assertThat(DockerErrors.message(pullFailed))
        .isEqualTo(
            "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io:"
                + " no such host");
  }

  @Test
  void aMessageWithoutJsonStaysAsItIs() {
    assertThat(DockerErrors.message(new IllegalStateException(" wait ended without a code ")))
        .isEqualTo("wait ended without a code");
  }

  @Test
  void aMissingEngineIsOneLineNamingWhereItWasLookedForAndWhatToDo() {
    var refused =
        new RuntimeException(new IOException("java.io.IOException: No such file or directory"));

    String message =
        DockerErrors.unavailable(URI.create("unix:///var/run/docker.sock"), null, refused)
            .getMessage();

    assertThat(message)
        .doesNotContain("\n")
        .startsWith(
            "no Docker engine answers at unix:///var/run/docker.sock (DOCKER_HOST is not set):")
        .contains("scripts/start-docker.sh")
        .endsWith("(java.io.IOException: No such file or directory)");
    assertThat(
            DockerErrors.unavailable(URI.create("tcp://h:2375"), "tcp://h:2375", refused)
                .getMessage())
        .startsWith("no Docker engine answers at tcp://h:2375 (from DOCKER_HOST):");
  }
}
