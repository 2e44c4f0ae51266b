package dev.fastci.cache;

import dev.fastci.util.Directories;
import dev.fastci.util.Mounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether saved files (a cache, a memoized job's outputs) can be given to a job copy-on-write: an
 * overlay mount of the saved dir, read-only, under a writable dir of the job's own, so the job
 * starts at once, never changes what was saved, and leaves only its changes behind. That needs
 * root, a kernel with overlayfs and its {@code userxattr} option (5.11), a data dir on a file
 * system overlayfs can write to, and a worker in the Docker engine's own mount namespace ({@link
 * EngineNamespace}: a worker in a container makes mounts the engine does not see). Otherwise the
 * files are copied, and the worker's log says why, once.
 */
final class CopyOnWrite {
  private static final Logger log = LoggerFactory.getLogger(CopyOnWrite.class);
  private static final ConcurrentMap<Path, Optional<String>> WHY_NOT = new ConcurrentHashMap<>();

  private CopyOnWrite() {}

  /** True when overlay mounts work under {@code workDir}; probed once per dir and process. */
  static boolean available(Path workDir) {
    return WHY_NOT
        .computeIfAbsent(
            workDir.toAbsolutePath().normalize(),
            dir -> {
              Optional<String> why = whyNot(dir);
              why.ifPresent(
                  reason ->
                      log.info(
                          "caches and memoized outputs are copied, not mounted copy-on-write: {}",
                          reason));
              return why;
            })
        .isEmpty();
  }

  /** The outermost of {@code dir} and its parents that does not exist yet, or null. */
  private static Path firstMissing(Path dir) {
    Path missing = null;
    for (Path at = dir; at != null && !Files.exists(at); at = at.getParent()) {
      missing = at;
    }
    return missing;
  }

  /** Deletes the dirs the probe made, from {@code dir} up to {@code outermost}, while empty. */
  private static void removeEmpty(Path dir, Path outermost) throws IOException {
    if (outermost == null) {
      return;
    }
    for (Path at = dir; at != null && at.startsWith(outermost); at = at.getParent()) {
      try {
        Files.deleteIfExists(at);
      } catch (DirectoryNotEmptyException inUseMeanwhile) {
        return;
      }
    }
  }

  private static Optional<String> whyNot(Path workDir) {
    Optional<String> engine = EngineNamespace.whyNotShared();
    if (engine.isPresent()) {
      return engine;
    }
    Path probe = workDir.resolve(".probe-" + UUID.randomUUID());
    Path firstMade = firstMissing(workDir);
    try {
      Files.createDirectories(probe);
      Layer layer = Layer.in(probe);
      Files.createDirectories(probe.resolve("lower"));
      layer.create();
      Mounts.overlay(probe.resolve("lower"), layer.upper(), layer.work(), layer.merged());
      Mounts.unmount(layer.merged());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    } finally {
      try {
        Mounts.unmount(probe.resolve("merged"));
        Directories.deleteRecursively(probe);
        removeEmpty(workDir, firstMade);
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove " + probe, e);
      }
    }
  }
}
