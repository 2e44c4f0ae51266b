package dev.fastci.cache;

import dev.fastci.spec.CacheSpec;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's {@code caches}: each one a host dir, filled from the best matching entry, bind-mounted at
 * the cache's path, and saved as a new entry when the job succeeded. Entries are copied on restore,
 * so jobs running at the same time never share a dir.
 */
public final class KeyedCaches {
  private final CacheStore store;
  private final CacheLimits limits;

  public KeyedCaches(CacheStore store, CacheLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /**
   * One cache of a running job.
   *
   * @param key the rendered key it is saved under
   * @param hostDir mounted at the cache's path
   * @param exactHit true when an entry had the key: it is not saved again
   */
  public record Mount(CacheSpec spec, String key, Path hostDir, boolean exactHit) {
    public String bind() {
      return hostDir + ":" + spec.path();
    }
  }

  /**
   * Prepares the job's caches. A dir left by an earlier run of the same try (a worker that stopped)
   * is used as it is: its container may still be running on it. Each try of a job with {@code
   * retry} gets dirs of its own, restored afresh: a try that failed saved nothing.
   *
   * @param files what {@code {{ hash }}} hashes: the checkout, the pipeline dir, or null
   * @param log gets one line per cache saying what was restored
   */
  public List<Mount> restore(
      String runId,
      String job,
      int attempt,
      int tryNumber,
      List<CacheSpec> caches,
      Path files,
      List<String> log) {
    List<Mount> mounts = new ArrayList<>();
    String tryOf = runId + "." + job + "." + attempt + (tryNumber > 1 ? ".try" + tryNumber : "");
    for (int i = 0; i < caches.size(); i++) {
      CacheSpec cache = caches.get(i);
      String key = KeyRenderer.render(cache.key(), files);
      Path dir = store.workDir().resolve(tryOf + "." + i);
      Optional<CacheEntry> exact = store.exact(CacheEntry.KEYED, key);
      if (Files.isDirectory(dir)) {
        mounts.add(new Mount(cache, key, dir, exact.isPresent()));
        continue;
      }
      Optional<CacheEntry> found = exact.isPresent() ? exact : byPrefix(cache, files);
      if (found.isPresent() && store.restore(found.get(), "", dir)) {
        log.add("fastci: cache " + cache.path() + ": restored " + found.get().key());
      } else {
        createDir(dir);
        log.add("fastci: cache " + cache.path() + ": no cache for " + key);
      }
      mounts.add(new Mount(cache, key, dir, exact.isPresent()));
    }
    return mounts;
  }

  private Optional<CacheEntry> byPrefix(CacheSpec cache, Path files) {
    for (String prefix : cache.restoreKeys()) {
      Optional<CacheEntry> found =
          store.newest(CacheEntry.KEYED, KeyRenderer.render(prefix, files));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** After the job succeeded: saves each cache that did not come from an entry of its key. */
  public void save(List<Mount> mounts, List<String> log) {
    for (Mount mount : mounts) {
      if (mount.exactHit()) {
        continue;
      }
      CacheEntry saved =
          store.save(
              CacheEntry.KEYED,
              mount.key(),
              content -> {
                Files.delete(content);
                Files.move(mount.hostDir(), content, StandardCopyOption.ATOMIC_MOVE);
              });
      log.add("fastci: cache " + mount.spec().path() + ": saved " + saved.key());
    }
    if (!mounts.isEmpty()) {
      store.evict(limits);
    }
  }

  /** Removes the job's cache dirs; what was worth keeping is saved by now. */
  public void release(List<Mount> mounts) {
    for (Mount mount : mounts) {
      try {
        Directories.deleteRecursively(mount.hostDir());
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove " + mount.hostDir(), e);
      }
    }
  }

  private static void createDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }
}
