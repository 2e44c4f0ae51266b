package dev.fastci.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
 * The caches of one worker host, in {@code <data-dir>/caches}: each entry a directory holding
 * {@code entry.json} and its files under {@code content/}. An entry is written in a staging dir and
 * renamed into place, so a reader never sees half of one. Restores read under a shared lock;
 * deletion and eviction take it exclusively, so no entry goes while it is being copied.
 */
public final class CacheStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentMap<Path, ReadWriteLock> LOCKS = new ConcurrentHashMap<>();
  private static final String META = "entry.json";
  private static final String CONTENT = "content";

  private final Path root;
  private final ReadWriteLock lock;
  private final LongSupplier clock;

  public CacheStore(Path dataDir) {
    this(dataDir, System::currentTimeMillis);
  }

  /**
   * @param clock the time entries are saved and used at, epoch milliseconds
   */
  public CacheStore(Path dataDir, LongSupplier clock) {
    this.root = dataDir.resolve("caches").toAbsolutePath().normalize();
    this.lock = LOCKS.computeIfAbsent(root, r -> new ReentrantReadWriteLock());
    this.clock = clock;
  }

  /** Where the keyed caches of running jobs are mounted from. */
  Path workDir() {
    return root.resolve("work");
  }

  /** Fills the content of a new entry. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path content) throws IOException;
  }

  public Optional<CacheEntry> exact(String kind, String key) {
    return read(entries().resolve(id(kind, key)));
  }

  /** The newest entry of the kind whose key starts with {@code prefix}. */
  public Optional<CacheEntry> newest(String kind, String prefix) {
    return list().stream()
        .filter(e -> e.kind().equals(kind) && e.key().startsWith(prefix))
        .max(Comparator.comparingLong(CacheEntry::createdAt));
  }

  /** Every entry, most recently used first. */
  public List<CacheEntry> list() {
    List<CacheEntry> all = new ArrayList<>();
    if (!Files.isDirectory(entries())) {
      return all;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(entries())) {
      for (Path dir : dirs) {
        read(dir).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + entries(), e);
    }
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
      Path content = entries().resolve(entry.id()).resolve(CONTENT).resolve(path);
      if (!Files.exists(entries().resolve(entry.id()).resolve(META))) {
        return false;
      }
      Trees.copy(content, target);
      writeMeta(entries().resolve(entry.id()), entry.usedAt(clock.getAsLong()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not restore cache " + entry.key(), e);
    } finally {
      shared.unlock();
    }
  }

  /** True when the entry holds {@code path} (a name under its content). */
  public boolean holds(CacheEntry entry, String path) {
    return Files.exists(entries().resolve(entry.id()).resolve(CONTENT).resolve(path));
  }

  /** Saves a new entry under the key, replacing the one there. */
  public CacheEntry save(String kind, String key, Filler filler) {
    Path staging = root.resolve("staging").resolve(UUID.randomUUID().toString());
    try {
      Path content = staging.resolve(CONTENT);
      Files.createDirectories(content);
      filler.fill(content);
      long now = clock.getAsLong();
      CacheEntry entry = new CacheEntry(id(kind, key), kind, key, now, now, Trees.size(content));
      writeMeta(staging, entry);
      Lock exclusive = lock.writeLock();
      exclusive.lock();
      try {
        Path target = entries().resolve(entry.id());
        Directories.deleteRecursively(target);
        Files.createDirectories(entries());
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
      Path dir = entries().resolve(id).normalize();
      if (!dir.getParent().equals(entries()) || !Files.exists(dir.resolve(META))) {
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
    long now = clock.getAsLong();
    List<CacheEntry> evicted = new ArrayList<>();
    List<CacheEntry> byUse = new ArrayList<>(list());
    byUse.sort(Comparator.comparingLong(CacheEntry::lastUsedAt)); // least recently used first
    long total = byUse.stream().mapToLong(CacheEntry::sizeBytes).sum();
    for (CacheEntry entry : byUse) {
      boolean tooOld = now - entry.lastUsedAt() > limits.maxAge().toMillis();
      if ((tooOld || total > limits.maxBytes()) && delete(entry.id())) {
        evicted.add(entry);
        total -= entry.sizeBytes();
      }
    }
    deleteStale(workDir(), now - limits.maxAge().toMillis());
    deleteStale(root.resolve("staging"), now - limits.maxAge().toMillis());
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

  private Path entries() {
    return root.resolve("entries");
  }

  private static Optional<CacheEntry> read(Path dir) {
    Path meta = dir.resolve(META);
    try {
      return Files.exists(meta)
          ? Optional.of(JSON.readValue(meta.toFile(), CacheEntry.class))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable cache entry " + meta, e);
    }
  }

  private static void writeMeta(Path dir, CacheEntry entry) throws IOException {
    Path tmp = dir.resolve(META + "." + UUID.randomUUID() + ".tmp");
    JSON.writeValue(tmp.toFile(), entry);
    Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteQuietly(Path staging) {
    try {
      Directories.deleteRecursively(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + staging, e);
    }
  }

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
