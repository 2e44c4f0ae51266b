package dev.fastci.cache;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies {@link CacheLimits} to a {@link CacheStore}: entries not used within the max age go, then
 * the least recently used until the rest fit the max size; and the work and staging dirs a worker
 * left behind.
 */
final class CacheEviction {
  private final CacheStore store;
  private final CacheDirs dirs;

  CacheEviction(CacheStore store, CacheDirs dirs) {
    this.store = store;
    this.dirs = dirs;
  }

  /** Applies the limits at {@code now} (epoch milliseconds); returns the evicted entries. */
  List<CacheEntry> evict(CacheLimits limits, long now) {
    List<CacheEntry> evicted = new ArrayList<>();
    List<CacheEntry> byUse = new ArrayList<>(store.list());
    byUse.sort(Comparator.comparingLong(CacheEntry::lastUsedAt)); // least recently used first
    long total = byUse.stream().mapToLong(CacheEntry::sizeBytes).sum();
    for (CacheEntry entry : byUse) {
      boolean tooOld = now - entry.lastUsedAt() > limits.maxAge().toMillis();
      if ((tooOld || total > limits.maxBytes()) && store.delete(entry.id())) {
        evicted.add(entry);
        total -= entry.sizeBytes();
      }
    }
    deleteStale(dirs.work(), now - limits.maxAge().toMillis());
    deleteStale(dirs.staging(), now - limits.maxAge().toMillis());
    return evicted;
  }

  /** Dirs a worker that stopped mid-job left behind: nothing older than the max age is in use. */
  private static void deleteStale(Path parent, long before) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent)) {
      for (Path dir : dirs) {
        if (Files.getLastModifiedTime(dir).toMillis() < before) {
          Directories.deleteRecursively(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean " + parent, e);
    }
  }
}
