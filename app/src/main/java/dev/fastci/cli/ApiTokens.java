package dev.fastci.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API token {@code fastci run --server} sends to the server. */
final class ApiTokens {
  private ApiTokens() {}

  /** FASTCI_API_TOKEN, else the token the server wrote into the data dir on its first start. */
  static String find(Path dataDir) throws IOException {
    String token = System.getenv("FASTCI_API_TOKEN");
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    Path file = dataDir.resolve("api-token");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    throw new IOException(
        "no API token: set FASTCI_API_TOKEN (the server printed it on its first start into "
            + file
            + ")");
  }
}
