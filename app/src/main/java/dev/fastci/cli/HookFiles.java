package dev.fastci.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How the hook installer changes the hooks dir: each file is written aside, then moved into place,
 * so that a push during the install finds the old hook or the new one, never half of one.
 */
final class HookFiles {
  private HookFiles() {}

  /** A new file of the hooks dir, readable only by us until its mode is set. */
  static Path newFile(Path dir, byte[] content) throws IOException {
    Path file =
        Files.createTempFile(
            dir,
            ".fastci-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
    return file;
  }

  /** Atomically replaces target (a symbolic link itself, not what it points to) by source. */
  static void replace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Keeps the foreign hook as post-receive.local: a hard link, so that a push during the install
   * still finds a post-receive until ours replaces it; a rename where links are not possible.
   */
  static void keepAsLocal(Path hook, Path local) throws IOException {
    try {
      Files.createLink(local, hook);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.move(hook, local);
    }
  }
}
