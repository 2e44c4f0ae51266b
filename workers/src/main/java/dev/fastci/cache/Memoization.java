package dev.fastci.cache;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Memoized jobs ({@code cache: true}): a successful run is recorded under its key (its log and its
 * outputs); a later job with the same key replays the record instead of running.
 */
public final class Memoization {
  private static final String LOG = "log";
  private static final String OUTPUTS = "outputs";

  private final CacheStore store;
  private final CacheLimits limits;

  public Memoization(CacheStore store, CacheLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /** The record of a job with this key, if there is one. */
  public Optional<CacheEntry> lookup(String job, String key) {
    return store.exact(CacheEntry.JOB, entryKey(job, key));
  }

  /**
   * Restores the recorded log into {@code logFile} and the outputs into the pipeline dir. An output
   * dir is mounted copy-on-write where that works ({@link CopyOnWrite}), the record's files under a
   * layer in {@code layers} that goes with the pipeline dir; elsewhere, and for a file, it is
   * copied.
   *
   * @param layers where the run keeps the layers of its mounted outputs
   * @return false when the record went away meanwhile (deleted or evicted): run the job instead
   */
  public boolean replay(
      CacheEntry entry, Path logFile, Path pipelineDir, List<String> outputs, Path layers) {
    if (!store.restore(entry, LOG, logFile)) {
      return false;
    }
    for (int i = 0; i < outputs.size(); i++) {
      String recorded = OUTPUTS + "/" + outputs.get(i);
      Path target = pipelineDir.resolve(outputs.get(i));
      if (!store.holds(entry, recorded)) {
        return false;
      }
      boolean restored =
          Files.isDirectory(store.files(entry, recorded), LinkOption.NOFOLLOW_LINKS)
                  && CopyOnWrite.available(layers.getParent())
              ? mount(entry, recorded, Layer.at(layers.resolve(entry.id() + "." + i), target))
              : store.restore(entry, recorded, target);
      if (!restored) {
        return false;
      }
    }
    return true;
  }

  private boolean mount(CacheEntry entry, String recorded, Layer layer) {
    try {
      layer.delete(); // an earlier replay's
      Directories.deleteRecursively(layer.merged()); // what a job of an earlier attempt left
    } catch (IOException e) {
      throw new UncheckedIOException("could not clear " + layer.merged(), e);
    }
    return store.mount(entry, recorded, layer);
  }

  /**
   * Records a successful run: its log and outputs.
   *
   * @return why it was not recorded (a declared output is missing), or empty
   */
  public Optional<String> record(
      String job, String key, Path logFile, Path pipelineDir, List<String> outputs) {
    for (String output : outputs) {
      if (!Files.exists(pipelineDir.resolve(output), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("output " + output + " is missing");
      }
    }
    store.save(
        CacheEntry.JOB,
        entryKey(job, key),
        content -> {
          Trees.copy(logFile, content.resolve(LOG));
          for (String output : outputs) {
            Trees.copy(pipelineDir.resolve(output), content.resolve(OUTPUTS).resolve(output));
          }
        });
    store.evict(limits);
    return Optional.empty();
  }

  private static String entryKey(String job, String key) {
    return job + "@" + key;
  }
}
