package dev.fastci.host;

import dev.fastci.contract.PipelineDirRequest;
import dev.fastci.util.Directories;
import dev.fastci.util.Mounts;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pipeline dirs of one host: {@code <data-dir>/pipelines/<run id>}. A dir appears whole (it is
 * prepared under a temporary name and renamed), and a finished run's dir carries a marker in {@code
 * .finished/} from which its retention counts. Memoized outputs may be mounted in a dir
 * copy-on-write, their layers in {@code .layers/<run id>}: a dir is unmounted before it goes.
 */
public final class PipelineDirs {
  /** A dir being prepared is named this plus the run id, then renamed to the run id. */
  public static final String STAGING_PREFIX = ".staging-";

  /** The dir (under the root) that holds the markers of finished runs. */
  public static final String FINISHED = ".finished";

  /** The dir (under the root) that holds the layers of the outputs mounted in runs' dirs. */
  public static final String LAYERS = ".layers";

  /** The dir (under the root) that marks the runs whose dirs the size budget removed. */
  public static final String EVICTED = ".evicted";

  private final Path root;
  private final Path finished;
  private final Path evicted;

  public PipelineDirs(Path dataDir) {
    this.root = dataDir.resolve("pipelines").toAbsolutePath();
    this.finished = root.resolve(FINISHED);
    this.evicted = root.resolve(EVICTED);
  }

  /** {@code <data-dir>/pipelines}: every run's dir, the staging dirs and the markers. */
  public Path root() {
    return root;
  }

  public Path dir(String runId) {
    return root.resolve(runId);
  }

  /** Where the run keeps the layers of the memoized outputs mounted in its dir. */
  public Path layers(String runId) {
    return layersRoot().resolve(runId);
  }

  /** Where every run keeps its layers ({@link #layers}). */
  public Path layersRoot() {
    return root.resolve(LAYERS);
  }

  /** Prepares the dir with {@code filler} under a temporary name, then renames it into place. */
  Path create(String runId, DirFiller filler, PipelineDirRequest request) throws IOException {
    Path dir = dir(runId);
    Path staging = root.resolve(STAGING_PREFIX + runId);
    Directories.deleteRecursively(staging);
    removeDir(runId);
    Files.createDirectories(staging);
    filler.fill(request, staging);
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(finished.resolve(runId));
    Files.deleteIfExists(evicted.resolve(runId));
    return dir;
  }

  /** Keeps an existing dir for a retry or resume; false when it is gone. */
  boolean reuse(String runId) throws IOException {
    Files.deleteIfExists(finished.resolve(runId));
    return Files.isDirectory(dir(runId));
  }

  /** The run ended: its dir is kept, and its size noted in the marker, for the size budget. */
  void markFinished(String runId) throws IOException {
    Files.createDirectories(finished);
    long size = Files.isDirectory(dir(runId)) ? Directories.size(dir(runId)) : 0;
    Files.writeString(finished.resolve(runId), Instant.now() + "\n" + size + "\n");
  }

  /** The size of the finished runs' dirs, as noted when each run ended. */
  public long keptBytes() throws IOException {
    long total = 0;
    for (Path marker : markersOldestFirst()) {
      total += sizeIn(marker);
    }
    return total;
  }

  /**
   * Removes the dirs of finished runs, oldest first, until the rest fit in {@code maxBytes} (0: no
   * budget); a running or waiting run's dir has no marker and is never removed. Each removed run
   * gets an eviction marker, so a retry can say what happened. Returns their ids.
   */
  public List<String> keepWithin(long maxBytes) throws IOException {
    List<String> removed = new ArrayList<>();
    if (maxBytes <= 0) {
      return removed;
    }
    List<Path> markers = markersOldestFirst();
    long total = 0;
    for (Path marker : markers) {
      total += sizeIn(marker);
    }
    for (Path marker : markers) {
      if (total <= maxBytes) {
        break;
      }
      total -= sizeIn(marker);
      String runId = marker.getFileName().toString();
      remove(runId);
      Files.createDirectories(evicted);
      Files.writeString(evicted.resolve(runId), Instant.now().toString());
      removed.add(runId);
    }
    return removed;
  }

  /** True when the size budget removed the run's dir (and no new one was made since). */
  public boolean wasEvicted(String runId) {
    return Files.exists(evicted.resolve(runId));
  }

  private List<Path> markersOldestFirst() throws IOException {
    if (!Files.isDirectory(finished)) {
      return List.of();
    }
    try (Stream<Path> markers = Files.list(finished)) {
      List<Path> all = new ArrayList<>(markers.toList());
      all.sort(java.util.Comparator.comparing(PipelineDirs::modified));
      return all;
    }
  }

  private static Instant modified(Path marker) {
    try {
      return Files.getLastModifiedTime(marker).toInstant();
    } catch (IOException gone) {
      return Instant.EPOCH;
    }
  }

  private static long sizeIn(Path marker) {
    try {
      String[] lines = Files.readString(marker).split("\n");
      return lines.length > 1 ? Long.parseLong(lines[1].strip()) : 0;
    } catch (IOException | NumberFormatException unreadable) {
      return 0;
    }
  }

  /** Removes the run's dir and its marker; nothing happens when they are gone. */
  public void remove(String runId) throws IOException {
    removeDir(runId);
    Files.deleteIfExists(finished.resolve(runId));
  }

  /** Unmounts what is mounted in the dir (nothing is deleted through a mount), then deletes it. */
  private void removeDir(String runId) throws IOException {
    Mounts.unmountUnder(dir(runId));
    Directories.deleteRecursively(dir(runId));
    Directories.deleteRecursively(layers(runId));
    try {
      Files.deleteIfExists(layersRoot()); // when no other run has layers
    } catch (DirectoryNotEmptyException othersHaveLayers) {
      // they stay
    }
  }

  /**
   * Removes the dirs of runs that finished longer than {@code retention} ago; returns their ids.
   */
  public List<String> removeExpired(Duration retention) throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(finished)) {
      return removed;
    }
    Instant cutoff = Instant.now().minus(retention);
    try (Stream<Path> markers = Files.list(finished)) {
      for (Path marker : markers.toList()) {
        if (Files.getLastModifiedTime(marker).toInstant().isBefore(cutoff)) {
          String runId = marker.getFileName().toString();
          remove(runId);
          removed.add(runId);
        }
      }
    }
    return removed;
  }

  /** Fills a fresh pipeline dir (a clone, or nothing). */
  @FunctionalInterface
  interface DirFiller {
    void fill(PipelineDirRequest request, Path dir) throws IOException;
  }
}
