package dev.fastci.cache;

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
 * the least recently used until the rest fit the max size (an entry a job has mounted now stays);
 * the work and staging dirs a worker left behind; and the trashed entries no longer mounted.
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
      if ((tooOld || total > limits.maxBytes())
          && !store.inUse(entry)
          && store.delete(entry.id())) {
        evicted.add(entry);
        total -= entry.sizeBytes();
      }
    }
    deleteStale(dirs.work(), now - limits.maxAge().toMillis());
    deleteStale(dirs.staging(), now - limits.maxAge().toMillis());
    store.emptyTrash();
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
          Layer.in(dir).delete(); // unmounted first: nothing is deleted through a mount
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean " + parent, e);
    }
  }
}
