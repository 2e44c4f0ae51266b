package dev.fastci.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the operator can set, else one generated on first start into a file of the data dir
 * (mode 600) and printed once, so later starts keep it.
 */
public final class GeneratedSecrets {
  private static final Logger log = LoggerFactory.getLogger(GeneratedSecrets.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedSecrets() {}

  /**
   * @param configured the value from the configuration, or null/blank
   * @param file where a generated value lives
   * @param what names the secret in the one-time message
   */
  public static String configuredOrGenerated(String configured, Path file, String what) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      String secret = HexFormat.of().formatHex(bytes);
      Files.createDirectories(file.getParent());
      Path staging = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(staging);
      Files.createFile(
          staging,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(staging, secret + "\n");
      Files.move(staging, file);
      log.warn("Generated the {}: {} (kept in {}; shown only this once)", what, secret, file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create the " + what + " in " + file, e);
    }
  }
}
