package dev.fastci.artifacts;

import dev.fastci.spec.Glob;
import dev.fastci.util.Directories;
import dev.fastci.util.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
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
 * Symbolic links are never followed nor kept: a link could lead out of the working dir. The files
 * come from a dir on this host, or from a tar stream of the container's working dir.
 */
public final class ArtifactCollector {
  /** The setting whose limit a job's kept files stay under. */
  public static final String LIMIT_SETTING = "fastci.limits.max-artifact-bytes";

  /** What a collection kept, and the lines it adds to the job's log. */
  public record Kept(List<Artifact> files, List<String> log) {}

  private interface Content {
    InputStream open() throws IOException;
  }

  private final String job;
  private final int attempt;
  private final List<String> globs;
  private final Path target;
  private final long maxBytes;
  private final boolean[] used;
  private final List<Artifact> kept = new ArrayList<>();
  private final List<String> over = new ArrayList<>();
  private final List<String> links = new ArrayList<>();
  private long total;

  private ArtifactCollector(
      String job, int attempt, List<String> globs, Path target, long maxBytes) {
    this.job = job;
    this.attempt = attempt;
    this.globs = globs;
    this.target = target.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    this.used = new boolean[globs.size()];
  }

  /**
   * @param workDir the job's working dir on this host
   * @param target the attempt's dir in the artifact store; what it held before is replaced
   * @param maxBytes the most bytes kept; the files beyond it are named in the log, not kept
   */
  public static Kept collect(
      String job, int attempt, Path workDir, List<String> globs, Path target, long maxBytes) {
    ArtifactCollector collector = new ArtifactCollector(job, attempt, globs, target, maxBytes);
    try {
      Directories.deleteRecursively(target);
      List<Path> files = new ArrayList<>();
      Files.walkFileTree(
          workDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isSymbolicLink()) {
                collector.link(relative(workDir, file));
              } else if (attrs.isRegularFile()) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
      files.sort(null);
      for (Path file : files) {
        collector.offer(
            relative(workDir, file), Files.size(file), () -> Files.newInputStream(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the artifacts of " + job, e);
    }
    return collector.finish();
  }

  /**
   * The same from a tar stream of the working dir, as the Docker engine archives a dir: every entry
   * under one top dir (the working dir's name), which is not part of the kept paths.
   */
  public static Kept collectFromTar(
      String job, int attempt, InputStream tar, List<String> globs, Path target, long maxBytes) {
    ArtifactCollector collector = new ArtifactCollector(job, attempt, globs, target, maxBytes);
    try {
      Directories.deleteRecursively(target);
      TarReader reader = new TarReader(tar);
      for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
        String name = entry.name();
        int slash = name.indexOf('/');
        String relative = slash < 0 ? "" : name.substring(slash + 1);
        while (relative.startsWith("./")) {
          relative = relative.substring(2);
        }
        if (relative.isEmpty() || relative.endsWith("/")) {
          continue; // the top dir, or a dir
        }
        if (entry.isLink()) {
          collector.link(relative);
        } else if (entry.isFile()) {
          collector.offer(relative, entry.size(), reader::content);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the artifacts of " + job, e);
    }
    return collector.finish();
  }

  private static String relative(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
  }

  private boolean matches(String relative) {
    boolean any = false;
    for (int i = 0; i < globs.size(); i++) {
      if (matchesPathOrDir(globs.get(i), relative)) {
        used[i] = true;
        any = true;
      }
    }
    return any;
  }

  private void link(String relative) {
    if (matches(relative)) {
      links.add(relative);
    }
  }

  private void offer(String relative, long size, Content content) throws IOException {
    if (!matches(relative)) {
      return;
    }
    if (total + size > maxBytes) {
      over.add(relative + " (" + Sizes.human(size) + ")");
      return;
    }
    Path copy = target.resolve(relative).normalize();
    if (!copy.startsWith(target) || copy.equals(target)) {
      links.add(relative); // a name that leads out of the store: never written
      return;
    }
    Files.createDirectories(copy.getParent());
    try (InputStream in = content.open()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    total += size;
    kept.add(new Artifact(job, attempt, relative, size));
  }

  private Kept finish() {
    List<String> log = new ArrayList<>();
    for (int i = 0; i < globs.size(); i++) {
      if (!used[i]) {
        log.add("fastci: artifacts: no file matched " + globs.get(i));
      }
    }
    if (!links.isEmpty()) {
      log.add("fastci: artifacts: symbolic links are not kept: " + String.join(", ", links));
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
