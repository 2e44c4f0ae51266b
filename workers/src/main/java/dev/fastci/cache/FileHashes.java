package dev.fastci.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over the files of a tree that a glob matches: their relative paths and contents, in path
 * order, so the same files give the same hash on any host. Symbolic links count by their target
 * text and are not followed; {@code .git} is skipped.
 */
public final class FileHashes {
  private FileHashes() {}

  /**
   * @param root the tree; null hashes as a tree without files
   * @param glob relative to {@code root}, in {@link java.nio.file.FileSystem#getPathMatcher} glob
   *     syntax ({@code **} for every file)
   */
  public static String hash(Path root, String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> files = new ArrayList<>();
    try {
      if (root != null && Files.isDirectory(root)) {
        Files.walkFileTree(root, collector(root, matcher, files));
      }
      files.sort(null);
      MessageDigest digest = sha256();
      for (Path relative : files) {
        digest.update(relative.toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        Path file = root.resolve(relative);
        if (Files.isSymbolicLink(file)) {
          digest.update(("-> " + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
        } else {
          try (InputStream in = Files.newInputStream(file)) {
            digest.update(sha256().digest(in.readAllBytes()));
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("could not hash " + glob + " in " + root, e);
    }
  }

  private static SimpleFileVisitor<Path> collector(
      Path root, PathMatcher matcher, List<Path> files) {
    return new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
            ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        Path relative = root.relativize(file);
        if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && matcher.matches(relative)) {
          files.add(relative);
        }
        return FileVisitResult.CONTINUE;
      }
    };
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
