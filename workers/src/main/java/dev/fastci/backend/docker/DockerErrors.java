package dev.fastci.backend.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.backend.EngineUnavailableException;
import java.io.IOException;
import java.net.URI;

/**
 * Docker's errors in the words a user reads: the engine's own message out of its JSON answer (with
 * its quotes unescaped), and an engine that does not answer said in one line with what to do.
 */
final class DockerErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerErrors() {}

  /** The engine's own message, without the status and the JSON around it. */
  static String message(Throwable error) {
    String text = String.valueOf(error.getMessage());
    int json = text.indexOf('{');
    if (json >= 0) {
      try {
        JsonNode answer = JSON.readTree(text.substring(json).strip());
        if (answer.hasNonNull("message")) {
          return answer.get("message").asText().strip();
        }
      } catch (IOException notJson) {
        // not the engine's JSON answer: the text as it is
      }
    }
    return text.strip();
  }

  /**
   * The engine at {@code host} did not answer the first call.
   *
   * @param dockerHost the DOCKER_HOST variable, or null when it is not set
   */
  static EngineUnavailableException unavailable(URI host, String dockerHost, Throwable why) {
    String where =
        dockerHost == null || dockerHost.isBlank()
            ? host + " (DOCKER_HOST is not set)"
            : host + " (from DOCKER_HOST)";
    return new EngineUnavailableException(
        "no Docker engine answers at "
            + where
            + ": start one (sudo systemctl start docker, or scripts/start-docker.sh in FastCI's"
            + " checkout), or set DOCKER_HOST to one that runs ("
            + rootMessage(why)
            + ")",
        why);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.strip();
  }
}
