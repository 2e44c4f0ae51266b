package dev.fastci.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An entry's {@code entry.json}: the {@link CacheEntry} it holds. Its presence marks a whole entry;
 * it is written to a temporary file and renamed into place, so a reader never sees half of one.
 */
final class CacheMeta {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "entry.json";

  private CacheMeta() {}

  /** True when the entry dir holds its {@code entry.json}. */
  static boolean exists(Path entryDir) {
    return Files.exists(entryDir.resolve(FILE));
  }

  /** The entry of the dir, or empty when it has no {@code entry.json}. */
  static Optional<CacheEntry> read(Path entryDir) {
    Path meta = entryDir.resolve(FILE);
    try {
      return Files.exists(meta)
          ? Optional.of(JSON.readValue(meta.toFile(), CacheEntry.class))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable cache entry " + meta, e);
    }
  }

  /** The entries under {@code entries/}, in no particular order; dirs without one are skipped. */
  static List<CacheEntry> readAll(Path entriesDir) {
    List<CacheEntry> all = new ArrayList<>();
    if (!Files.isDirectory(entriesDir)) {
      return all;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(entriesDir)) {
      for (Path dir : dirs) {
        read(dir).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + entriesDir, e);
    }
    return all;
  }

  static void write(Path entryDir, CacheEntry entry) throws IOException {
    Path tmp = entryDir.resolve(FILE + "." + UUID.randomUUID() + ".tmp");
    JSON.writeValue(tmp.toFile(), entry);
    Files.move(tmp, entryDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }
}
