package dev.fastci.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The API token {@code fastci run --server} sends to the server. */
final class ApiTokens {
  private ApiTokens() {}

  /**
   * FASTCI_API_TOKEN; else the personal token in {@code ~/.config/fastci/token} (or {@code
   * $XDG_CONFIG_HOME/fastci/token}); else the server-wide token the server wrote into the data dir
   * on its first start.
   */
  static String find(Path dataDir) throws IOException {
    return find(dataDir, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static String find(Path dataDir, Map<String, String> env, Path home) throws IOException {
    String token = env.get("FASTCI_API_TOKEN");
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    Path personal = personalTokenFile(env, home);
    for (Path file : new Path[] {personal, dataDir.resolve("api-token")}) {
      if (Files.exists(file)) {
        String found = Files.readString(file).strip();
        if (found.isEmpty()) {
          throw new IOException(file + " is empty: it should hold a FastCI API token");
        }
        return found;
      }
    }
    throw new IOException(
        "no API token: set FASTCI_API_TOKEN, or put a personal token (the Tokens page of the web UI)"
            + " into "
            + personal);
  }

  static Path personalTokenFile(Map<String, String> env, Path home) {
    String config = env.get("XDG_CONFIG_HOME");
    Path base = config == null || config.isBlank() ? home.resolve(".config") : Path.of(config);
    return base.resolve("fastci").resolve("token");
  }
}
