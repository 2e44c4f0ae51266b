package dev.fastci.cache;

import dev.fastci.metrics.WorkerMeters;
import dev.fastci.spec.CacheSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's {@code caches}: each one a layer of the job's own (a host dir mounted at the cache's
 * path) over the best matching entry, and saved as a new entry when the job succeeded. Where it
 * can, the entry is mounted copy-on-write ({@link CopyOnWrite}): the job starts at once, its writes
 * go to its layer, and jobs running at the same time never see each other's; elsewhere it is
 * copied.
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
   * @param layer the job's dir of it: its {@code merged} dir is mounted at the cache's path
   * @param exactHit true when an entry had the key: it is not saved again
   * @param restored the entry mounted under the layer, or null when it holds a copy or nothing
   */
  public record Mount(
      CacheSpec spec, String key, Layer layer, boolean exactHit, CacheEntry restored) {
    public Path hostDir() {
      return layer.merged();
    }

    public String bind() {
      return hostDir() + ":" + spec.path();
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
      Layer layer = Layer.in(store.workDir().resolve(tryOf + "." + i));
      Optional<CacheEntry> exact = store.exact(CacheEntry.KEYED, key);
      if (layer.exists()) {
        mounts.add(new Mount(cache, key, layer, exact.isPresent(), LayerRecord.read(store, layer)));
        continue;
      }
      long started = System.nanoTime();
      Optional<CacheEntry> found = exact.isPresent() ? exact : byPrefix(cache, files);
      CacheEntry mounted = null;
      String how = null;
      if (found.isPresent() && CopyOnWrite.available(store.workDir())) {
        if (store.mount(found.get(), "", layer)) {
          mounted = found.get();
          LayerRecord.write(layer, mounted);
          how = "copy-on-write";
        }
      } else if (found.isPresent() && store.restore(found.get(), "", layer.merged())) {
        how = "copied";
      }
      WorkerMeters.cacheLookup("cache", how != null, Duration.ofNanos(System.nanoTime() - started));
      if (how == null) {
        createDir(layer.merged());
        log.add("fastci: cache " + cache.path() + ": no cache for " + key);
      } else {
        log.add(
            "fastci: cache %s: restored %s (%s, %s)"
                .formatted(cache.path(), found.get().key(), how, seconds(started)));
      }
      mounts.add(new Mount(cache, key, layer, exact.isPresent(), mounted));
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

  /**
   * After the job succeeded: saves each cache that did not come from an entry of its key. A mounted
   * one is saved as its entry's files (hard links) under the job's changes; no data is copied.
   */
  public void save(List<Mount> mounts, List<String> log) {
    for (Mount mount : mounts) {
      if (mount.exactHit()) {
        continue;
      }
      CacheStore.Saved saved =
          store.save(
              CacheEntry.KEYED,
              mount.key(),
              content -> {
                Files.delete(content);
                if (mount.restored() != null) {
                  LayerMerge.merge(
                      store.files(mount.restored(), ""), mount.layer().upper(), content);
                } else {
                  Files.move(mount.hostDir(), content, StandardCopyOption.ATOMIC_MOVE);
                }
              });
      log.add(
          "fastci: cache "
              + mount.spec().path()
              + (saved.first()
                  ? ": saved " + mount.key()
                  : ": " + mount.key() + " was saved by another job first; that one stays"));
    }
    if (!mounts.isEmpty()) {
      store.evict(limits);
    }
  }

  /** Unmounts and removes the job's cache dirs; what was worth keeping is saved by now. */
  public void release(List<Mount> mounts) {
    for (Mount mount : mounts) {
      try {
        mount.layer().delete();
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove " + mount.layer().dir(), e);
      }
    }
    if (!mounts.isEmpty()) {
      store.emptyTrash();
    }
  }

  private static void createDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }

  private static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - startedNanos) / 1e9);
  }
}
