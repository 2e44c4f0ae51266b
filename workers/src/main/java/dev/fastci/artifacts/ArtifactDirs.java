package dev.fastci.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where kept files live: {@code <data-dir>/artifacts/<run>/<job>/<attempt>/<path>}, one dir per job
 * attempt, the paths as they were relative to the job's working dir.
 */
public final class ArtifactDirs {
  private final Path root;

  public ArtifactDirs(Path dataDir) {
    this.root = dataDir.resolve("artifacts");
  }

  public Path root() {
    return root;
  }

  /** The dir of one job attempt's artifacts. */
  public Path attemptDir(String runId, String job, int attempt) {
    return root.resolve(runId).resolve(job).resolve(Integer.toString(attempt));
  }

  /** Every file the run's jobs kept, each job's latest attempt that kept any, by job and path. */
  public List<Artifact> list(String runId) {
    Path runDir = root.resolve(runId);
    if (!Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Artifact> all = new ArrayList<>();
    for (Path jobDir : children(runDir)) {
      children(jobDir).stream()
          .filter(dir -> dir.getFileName().toString().matches("[0-9]+"))
          .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
          .ifPresent(
              attemptDir ->
                  all.addAll(
                      files(
                          jobDir.getFileName().toString(),
                          Integer.parseInt(attemptDir.getFileName().toString()),
                          attemptDir)));
    }
    return all;
  }

  /**
   * The kept file at {@code path} of a job attempt; empty when there is none, or when the path
   * would lead out of the attempt's dir ({@code ..}, a link).
   */
  public Optional<Path> file(String runId, String job, int attempt, String path) {
    Path dir = attemptDir(runId, job, attempt).normalize();
    Path file = dir.resolve(path).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private static List<Artifact> files(String job, int attempt, Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .map(
              p ->
                  new Artifact(
                      job, attempt, dir.relativize(p).toString().replace('\\', '/'), sizeOf(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of " + file, e);
    }
  }
}
