package dev.fastci.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Copies and measures file trees without following symbolic links out of them. */
final class Trees {
  private Trees() {}

  /** Copies {@code source} (a file, a link or a dir) to {@code target}, replacing what is there. */
  static void copy(Path source, Path target) throws IOException {
    dev.fastci.util.Directories.deleteRecursively(target);
    Files.createDirectories(target.getParent());
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(
          source,
          target,
          LinkOption.NOFOLLOW_LINKS,
          StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    tree(source, target, false);
  }

  /**
   * Recreates the tree of the dir {@code source} at {@code target}: its regular files hard-linked
   * when {@code link} (they must never be written again), else copied; links and the rest copied.
   */
  static void tree(Path source, Path target, boolean link) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path to = target.resolve(source.relativize(file).toString());
            if (link && attrs.isRegularFile()) {
              Files.createLink(to, file);
            } else {
              Files.copy(file, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
