package dev.fastci.cache;

import dev.fastci.util.DaemonThreads;
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
 * An entry is written in a staging dir and renamed into place, so a reader never sees half of one,
 * and it is never changed afterwards: the first complete save of a key wins. Restores read (or
 * mount) under a shared lock; deletion and eviction take it exclusively, so no entry goes while it
 * is being copied, and an entry a job's layer has mounted ({@link CachePins}) moves to {@code
 * trash/} instead, deleted once unmounted. {@link CacheMeta} reads and writes an entry's {@code
 * entry.json}; {@link CacheEviction} applies the limits.
 */
public final class CacheStore {
  private static final ConcurrentMap<Path, ReadWriteLock> LOCKS = new ConcurrentHashMap<>();

  private final CacheDirs dirs;
  private final CacheTrash trash;
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
    this.trash = new CacheTrash(dirs.trash());
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

  /**
   * What a save came to.
   *
   * @param first false when another save of the key had completed first: its entry stays
   */
  public record Saved(CacheEntry entry, boolean first) {}

  public Optional<CacheEntry> exact(String kind, String key) {
    return byId(CacheDirs.id(kind, key));
  }

  Optional<CacheEntry> byId(String id) {
    return CacheMeta.read(dirs.entries().resolve(id));
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
   * Mounts the entry's {@code path} (a dir under its content) under the layer, copy-on-write, and
   * marks it used; the entry stays while the layer is mounted.
   *
   * @return false when the entry was deleted meanwhile
   */
  boolean mount(CacheEntry entry, String path, Layer layer) {
    return use(
        entry,
        "mount",
        dir -> {
          CachePins.pin(dir, layer.merged());
          layer.mountOver(CacheDirs.content(dir).resolve(path));
        });
  }

  /** The files of the entry's {@code path}, to merge a layer's changes with. */
  Path files(CacheEntry entry, String path) {
    return CacheDirs.content(dirs.entries().resolve(entry.id())).resolve(path);
  }

  /**
   * Copies the entry's content to {@code target} and marks it used.
   *
   * @return false when the entry was deleted meanwhile
   */
  public boolean restore(CacheEntry entry, String path, Path target) {
    return use(entry, "restore", dir -> Trees.copy(CacheDirs.content(dir).resolve(path), target));
  }

  private interface EntryUse {
    void use(Path entryDir) throws IOException;
  }

  /**
   * Does {@code use} with the entry's dir under the shared lock and marks the entry used.
   *
   * @return false when the entry was deleted meanwhile
   */
  private boolean use(CacheEntry entry, String verb, EntryUse use) {
    Lock shared = lock.readLock();
    shared.lock();
    try {
      Path dir = dirs.entries().resolve(entry.id());
      if (!CacheMeta.exists(dir)) {
        return false;
      }
      use.use(dir);
      CacheMeta.write(dir, entry.usedAt(clock.getAsLong()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not " + verb + " cache " + entry.key(), e);
    } finally {
      shared.unlock();
    }
  }

  /** True when the entry holds {@code path} (a name under its content). */
  public boolean holds(CacheEntry entry, String path) {
    return Files.exists(CacheDirs.content(dirs.entries().resolve(entry.id())).resolve(path));
  }

  /**
   * Saves a new entry under the key, unless one is there by the time it is complete: then that one
   * stays (an entry is never changed) and the new files are dropped.
   */
  public Saved save(String kind, String key, Filler filler) {
    Path staging = dirs.staging().resolve(UUID.randomUUID().toString());
    try {
      Path content = CacheDirs.content(staging);
      Files.createDirectories(content);
      filler.fill(content);
      long now = clock.getAsLong();
      CacheEntry entry =
          new CacheEntry(CacheDirs.id(kind, key), kind, key, now, now, Directories.size(content));
      CacheMeta.write(staging, entry);
      Lock exclusive = lock.writeLock();
      exclusive.lock();
      try {
        Path target = dirs.entries().resolve(entry.id());
        Optional<CacheEntry> there = CacheMeta.read(target);
        if (there.isPresent()) {
          return new Saved(there.get(), false);
        }
        trash.discard(target); // a half-written one of a crash, or one deleted while mounted
        Files.createDirectories(dirs.entries());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        exclusive.unlock();
      }
      return new Saved(entry, true);
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
      trash.discard(dir);
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

  /**
   * Finds out in the background whether saved files can be mounted copy-on-write in this store's
   * work dir and in {@code layersRoot} (where memoized outputs get their layers): the probe mounts
   * once per dir and process, and this way no job's first restore waits for it.
   */
  public void probeCopyOnWriteLater(Path layersRoot) {
    List<Path> probed = List.of(workDir(), layersRoot);
    DaemonThreads.named("fastci-copy-on-write-probe")
        .newThread(() -> probed.forEach(CopyOnWrite::available))
        .start();
  }

  /** True when a job's layer has the entry mounted now: eviction passes it over. */
  boolean inUse(CacheEntry entry) {
    return CachePins.inUse(dirs.entries().resolve(entry.id()));
  }

  /** Deletes the trashed entries no layer has mounted any more. */
  void emptyTrash() {
    Lock exclusive = lock.writeLock();
    exclusive.lock();
    try {
      trash.empty();
    } finally {
      exclusive.unlock();
    }
  }

  private static void deleteQuietly(Path staging) {
    try {
      Directories.deleteRecursively(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + staging, e);
    }
  }
}
