package dev.fastci.cache;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;

/**
 * Turns saved files and a job's changes to them (an overlay's upper dir) into the files of a new
 * entry without copying any data: the saved files are hard-linked (an entry's files are never
 * written again, so they can be shared), then the changes are moved over them. overlayfs marks a
 * deleted file with a whiteout (a character device 0/0) and a dir the job replaced as opaque
 * ({@code user.overlay.opaque=y}, with the {@code userxattr} mount option).
 */
final class LayerMerge {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;

  private LayerMerge() {}

  /** Fills {@code target} (which does not exist yet) with {@code lower} under {@code upper}. */
  static void merge(Path lower, Path upper, Path target) throws IOException {
    Trees.tree(lower, target, true);
    apply(upper, target);
  }

  /** Moves what {@code upper} holds over {@code target}, deleting what it marks as deleted. */
  private static void apply(Path upper, Path target) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(upper)) {
      for (Path child : children) {
        Path to = target.resolve(child.getFileName().toString());
        if (isWhiteout(child)) {
          Directories.deleteRecursively(to);
          continue;
        }
        boolean dir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        if (dir && Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS) && !isOpaque(child)) {
          apply(child, to);
          continue;
        }
        Directories.deleteRecursively(to);
        Files.move(child, to, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  static boolean isWhiteout(Path path) throws IOException {
    Map<String, Object> unix =
        Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) unix.get("mode");
    return (mode & S_IFMT) == S_IFCHR && ((Long) unix.get("rdev")) == 0L;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    UserDefinedFileAttributeView xattrs =
        Files.getFileAttributeView(
            dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (xattrs == null || !xattrs.list().contains("overlay.opaque")) {
      return false;
    }
    ByteBuffer value = ByteBuffer.allocate(8);
    xattrs.read("overlay.opaque", value);
    return value.position() > 0 && value.get(0) == 'y';
  }
}
