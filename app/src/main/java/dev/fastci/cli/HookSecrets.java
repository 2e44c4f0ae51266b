package dev.fastci.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the hook secret comes from, first found wins: {@code --secret}, {@code fastci.hook-secret}
 * or FASTCI_HOOK_SECRET, the file the server wrote into the data dir.
 */
final class HookSecrets {
  static final String SECRET_FILE = "hook-secret";

  /** A secret and where it came from, as the command reports it (never the value). */
  record Secret(String value, String source) {}

  private HookSecrets() {}

  /** The secret, or null when no source has one. */
  static Secret find(String explicit, Map<String, String> env, Path dataDir) throws IOException {
    if (explicit != null && !explicit.isBlank()) {
      return new Secret(explicit, "from --secret");
    }
    String value = System.getProperty("fastci.hook-secret");
    if (value == null || value.isBlank()) {
      value = env.get("FASTCI_HOOK_SECRET");
    }
    if (value != null && !value.isBlank()) {
      return new Secret(value, "from FASTCI_HOOK_SECRET");
    }
    Path file = dataDir.resolve(SECRET_FILE);
    if (Files.isRegularFile(file)) {
      String stored = Files.readString(file).strip();
      if (!stored.isEmpty()) {
        return new Secret(stored, "from " + file);
      }
    }
    return null;
  }
}
