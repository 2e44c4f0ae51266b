package dev.fastci.server.janitor;

import dev.fastci.host.PipelineDirs;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The janitor's rule for pipeline dirs (under {@code <dataDir>/pipelines}): a staging dir whose run
 * is not live, and the dir of a run the store does not know, go, but only while no container of
 * that run exists and once untouched for {@code abandonedAfter}: the command line may be running
 * that run out of the same data dir. Dirs of the store's finished runs stay: the retention removes
 * those, and a retry until then reuses them.
 */
final class OrphanDirs {
  private static final Logger log = LoggerFactory.getLogger(OrphanDirs.class);

  private final PipelineDirs dirs;
  private final Duration abandonedAfter;
  private final Clock clock;

  OrphanDirs(Path dataDir, Duration abandonedAfter, Clock clock) {
    this.dirs = new PipelineDirs(dataDir);
    this.abandonedAfter = abandonedAfter;
    this.clock = clock;
  }

  /** The dirs under {@code pipelines/}, staging and hidden ones included (links are not dirs). */
  List<Path> list() {
    Path root = dirs.root();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + root, e);
    }
  }

  /** The run a pipeline dir (or staging dir) belongs to. */
  static String runId(String dirName) {
    return dirName.startsWith(PipelineDirs.STAGING_PREFIX)
        ? dirName.substring(PipelineDirs.STAGING_PREFIX.length())
        : dirName;
  }

  /**
   * Removes the abandoned ones among the listed dirs; returns their names.
   *
   * @param live the runs the store lists as PENDING or RUNNING
   * @param known which of the dirs' runs the store has, in any status
   * @param runsWithContainers the runs that still have a container
   */
  List<String> remove(
      List<Path> entries, Set<String> live, Set<String> known, Set<String> runsWithContainers) {
    List<String> removed = new ArrayList<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.equals(PipelineDirs.FINISHED)) {
        continue;
      }
      boolean staging = name.startsWith(PipelineDirs.STAGING_PREFIX);
      if (name.startsWith(".") && !staging) {
        continue;
      }
      String runId = runId(name);
      boolean abandoned =
          staging ? !live.contains(runId) : !known.contains(runId) && !live.contains(runId);
      if (!abandoned || runsWithContainers.contains(runId) || !untouchedLongEnough(entry)) {
        continue;
      }
      try {
        if (staging) {
          Directories.deleteRecursively(entry);
        } else {
          dirs.remove(runId);
        }
        removed.add(name);
        log.info(
            "janitor: removed pipeline dir {}: {}",
            entry,
            staging ? "an abandoned staging dir" : "run " + runId + " is unknown to the store");
      } catch (IOException | RuntimeException e) {
        log.warn("janitor: could not remove pipeline dir {}: {}", entry, e.toString());
      }
    }
    return List.copyOf(removed);
  }

  private boolean untouchedLongEnough(Path entry) {
    try {
      Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
      return !modified.plus(abandonedAfter).isAfter(clock.instant());
    } catch (IOException gone) {
      return false;
    }
  }
}
