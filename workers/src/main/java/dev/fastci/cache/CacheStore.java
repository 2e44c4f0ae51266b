package dev.fastci.cache;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * The caches of one worker host, in {@code <data-dir>/caches} (laid out as {@link CacheDirs} says).
 * An entry is written in a staging dir and renamed into place, so a reader never sees half of one.
 * Restores read under a shared lock; deletion and eviction take it exclusively, so no entry goes
 * while it is being copied. {@link CacheMeta} reads and writes an entry's {@code entry.json};
 * {@link CacheEviction} applies the limits.
 */
public final class CacheStore {
  private static final ConcurrentMap<Path, ReadWriteLock> LOCKS = new ConcurrentHashMap<>();

  private final CacheDirs dirs;
  private final ReadWriteLock lock;
  private final LongSupplier clock;

  public CacheStore(Path dataDir) {
    this(dataDir, System::currentTimeMillis);
  }

  /**
   * @param clock the time entries are saved and used at, epoch milliseconds
   */
  public CacheStore(Path dataDir, LongSupplier clock) {
    this.dirs = new CacheDirs(dataDir);
    this.lock = LOCKS.computeIfAbsent(dirs.root(), r -> new ReentrantReadWriteLock());
    this.clock = clock;
  }

  /** Where the keyed caches of running jobs are mounted from. */
  Path workDir() {
    return dirs.work();
  }

  /** Fills the content of a new entry. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path content) throws IOException;
  }

  public Optional<CacheEntry> exact(String kind, String key) {
    return CacheMeta.read(dirs.entries().resolve(CacheDirs.id(kind, key)));
  }

  /** The newest entry of the kind whose key starts with {@code prefix}. */
  public Optional<CacheEntry> newest(String kind, String prefix) {
    return list().stream()
        .filter(e -> e.kind().equals(kind) && e.key().startsWith(prefix))
        .max(Comparator.comparingLong(CacheEntry::createdAt));
  }

  /** Every entry, most recently used first. */
  public List<CacheEntry> list() {
    List<CacheEntry> all = new ArrayList<>(CacheMeta.readAll(dirs.entries()));
    all.sort(Comparator.comparingLong(CacheEntry::lastUsedAt).reversed());
    return all;
  }

  /**
   * Copies the entry's content to {@code target} and marks it used.
   *
   * @return false when the entry was deleted meanwhile
   */
  public boolean restore(CacheEntry entry, String path, Path target) {
    Lock shared = lock.readLock();
    shared.lock();
    try {
      Path dir = dirs.entries().resolve(entry.id());
      if (!CacheMeta.exists(dir)) {
        return false;
      }
      Trees.copy(CacheDirs.content(dir).resolve(path), target);
      CacheMeta.write(dir, entry.usedAt(clock.getAsLong()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not restore cache " + entry.key(), e);
    } finally {
      shared.unlock();
    }
  }

  /** True when the entry holds {@code path} (a name under its content). */
  public boolean holds(CacheEntry entry, String path) {
    return Files.exists(CacheDirs.content(dirs.entries().resolve(entry.id())).resolve(path));
  }

  /** Saves a new entry under the key, replacing the one there. */
  public CacheEntry save(String kind, String key, Filler filler) {
    Path staging = dirs.staging().resolve(UUID.randomUUID().toString());
    try {
      Path content = CacheDirs.content(staging);
      Files.createDirectories(content);
      filler.fill(content);
      long now = clock.getAsLong();
      CacheEntry entry =
          new CacheEntry(CacheDirs.id(kind, key), kind, key, now, now, Trees.size(content));
      CacheMeta.write(staging, entry);
      Lock exclusive = lock.writeLock();
      exclusive.lock();
      try {
        Path target = dirs.entries().resolve(entry.id());
        Directories.deleteRecursively(target);
        Files.createDirectories(dirs.entries());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        exclusive.unlock();
      }
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save cache " + key, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /** Deletes one entry; false when there is none with that id. */
  public boolean delete(String id) {
    Lock exclusive = lock.writeLock();
    exclusive.lock();
    try {
      Path dir = dirs.entries().resolve(id).normalize();
      if (!dir.getParent().equals(dirs.entries()) || !CacheMeta.exists(dir)) {
        return false;
      }
      Directories.deleteRecursively(dir);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete cache " + id, e);
    } finally {
      exclusive.unlock();
    }
  }

  /** Deletes every entry; returns how many there were. */
  public int deleteAll() {
    int deleted = 0;
    for (CacheEntry entry : list()) {
      deleted += delete(entry.id()) ? 1 : 0;
    }
    return deleted;
  }

  /** Applies the limits now; returns the evicted entries. */
  public List<CacheEntry> evict(CacheLimits limits) {
    return new CacheEviction(this, dirs).evict(limits, clock.getAsLong());
  }

  private static void deleteQuietly(Path staging) {
    try {
      Directories.deleteRecursively(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + staging, e);
    }
  }
}
