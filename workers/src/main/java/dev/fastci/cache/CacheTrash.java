package dev.fastci.cache;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Entries deleted (or evicted, or replaced after a crash) while a job's layer still has them
 * mounted: they move to {@code trash/}, which does not disturb the mount, and go once unmounted.
 * The store's exclusive lock guards both calls.
 */
final class CacheTrash {
  private final Path dir;

  CacheTrash(Path dir) {
    this.dir = dir;
  }

  /** Deletes an entry's dir, or moves it here while a layer has it mounted. */
  void discard(Path entryDir) throws IOException {
    if (!Files.exists(entryDir)) {
      return;
    }
    if (CachePins.inUse(entryDir)) {
      Files.createDirectories(dir);
      Files.move(
          entryDir,
          dir.resolve(entryDir.getFileName() + "-" + UUID.randomUUID()),
          StandardCopyOption.ATOMIC_MOVE);
    } else {
      Directories.deleteRecursively(entryDir);
    }
  }

  /** Deletes what no layer has mounted any more. */
  void empty() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> trashed = Files.newDirectoryStream(dir)) {
      for (Path entryDir : trashed) {
        if (!CachePins.inUse(entryDir)) {
          Directories.deleteRecursively(entryDir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not empty " + dir, e);
    }
  }
}
