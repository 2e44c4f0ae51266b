package dev.fastci.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where one host's caches are, under {@code <data-dir>/caches}: {@code entries/<id>/} holds an
 * entry ({@code entry.json} and its files under {@code content/}), {@code staging/} the entries
 * being written, {@code work/} the keyed caches of running jobs.
 */
final class CacheDirs {
  private final Path root;

  CacheDirs(Path dataDir) {
    this.root = dataDir.resolve("caches").toAbsolutePath().normalize();
  }

  /** {@code <data-dir>/caches}, absolute and normalized. */
  Path root() {
    return root;
  }

  Path entries() {
    return root.resolve("entries");
  }

  /** The files of an entry, in its dir or in its staging dir. */
  static Path content(Path entryDir) {
    return entryDir.resolve("content");
  }

  Path staging() {
    return root.resolve("staging");
  }

  Path work() {
    return root.resolve("work");
  }

  /** The id, and so the dir name, of the entry of this kind and key. */
  static String id(String kind, String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((kind + "\n" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
