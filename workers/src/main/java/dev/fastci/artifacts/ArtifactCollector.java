package dev.fastci.artifacts;

import dev.fastci.spec.Glob;
import dev.fastci.util.Directories;
import dev.fastci.util.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the files of a job's working dir that its {@code artifacts} globs match into its attempt's
 * dir of the artifact store, keeping their relative paths, up to a total size. A glob matches a
 * file's path or the path of a dir it is in ({@code reports} keeps all of {@code reports/}).
 * Symbolic links are never followed nor kept: a link could lead out of the working dir.
 */
public final class ArtifactCollector {
  /** The setting whose limit a job's kept files stay under. */
  public static final String LIMIT_SETTING = "fastci.limits.max-artifact-bytes";

  private ArtifactCollector() {}

  /** What a collection kept, and the lines it adds to the job's log. */
  public record Kept(List<Artifact> files, List<String> log) {}

  /**
   * @param workDir the job's working dir on this host
   * @param target the attempt's dir in the artifact store; what it held before is replaced
   * @param maxBytes the most bytes kept; the files beyond it are named in the log, not kept
   */
  public static Kept collect(
      String job, int attempt, Path workDir, List<String> globs, Path target, long maxBytes) {
    List<String> log = new ArrayList<>();
    List<Path> matched = matching(workDir, globs, log);
    List<Artifact> kept = new ArrayList<>();
    List<String> over = new ArrayList<>();
    long total = 0;
    try {
      Directories.deleteRecursively(target);
      for (Path file : matched) {
        long size = Files.size(file);
        String relative = workDir.relativize(file).toString().replace('\\', '/');
        if (total + size > maxBytes) {
          over.add(relative + " (" + Sizes.human(size) + ")");
          continue;
        }
        Path copy = target.resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
        total += size;
        kept.add(new Artifact(job, attempt, relative, size));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the artifacts of " + job, e);
    }
    if (!kept.isEmpty()) {
      log.add("fastci: artifacts: kept " + kept.size() + " file(s), " + Sizes.human(total));
    }
    if (!over.isEmpty()) {
      log.add(
          "fastci: artifacts: not kept, over "
              + LIMIT_SETTING
              + " ("
              + Sizes.human(maxBytes)
              + "): "
              + String.join(", ", over));
    }
    return new Kept(List.copyOf(kept), List.copyOf(log));
  }

  /** The regular files under {@code workDir} that a glob matches, in path order. */
  private static List<Path> matching(Path workDir, List<String> globs, List<String> log) {
    List<Path> files = new ArrayList<>();
    List<String> links = new ArrayList<>();
    boolean[] used = new boolean[globs.size()];
    try {
      Files.walkFileTree(
          workDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String relative = workDir.relativize(file).toString().replace('\\', '/');
              boolean any = false;
              for (int i = 0; i < globs.size(); i++) {
                if (matchesPathOrDir(globs.get(i), relative)) {
                  used[i] = true;
                  any = true;
                }
              }
              if (any && attrs.isSymbolicLink()) {
                links.add(relative);
              } else if (any && attrs.isRegularFile()) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not look for the artifacts in " + workDir, e);
    }
    for (int i = 0; i < globs.size(); i++) {
      if (!used[i]) {
        log.add("fastci: artifacts: no file matched " + globs.get(i));
      }
    }
    if (!links.isEmpty()) {
      log.add("fastci: artifacts: symbolic links are not kept: " + String.join(", ", links));
    }
    files.sort(null);
    return files;
  }

  private static boolean matchesPathOrDir(String glob, String relative) {
    String path = relative;
    while (true) {
      if (Glob.matches(glob, path)) {
        return true;
      }
      int slash = path.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      path = path.substring(0, slash);
    }
  }
}
