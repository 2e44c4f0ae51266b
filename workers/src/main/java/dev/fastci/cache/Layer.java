package dev.fastci.cache;

import dev.fastci.util.Directories;
import dev.fastci.util.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job's writable layer over saved files: {@code merged} is what the job sees (the saved files
 * under its own changes, an overlay mount), {@code upper} holds its changes, {@code work} is
 * overlayfs's own. Without a mount, {@code merged} is a plain dir that holds a copy.
 *
 * @param dir holds {@code upper} and {@code work}
 * @param merged where the job sees the files: {@code dir/merged}, or elsewhere (a memoized output
 *     in its pipeline dir)
 */
record Layer(Path dir, Path merged) {

  /** A layer whose files are seen at {@code dir/merged}. */
  static Layer in(Path dir) {
    Path at = dir.toAbsolutePath().normalize();
    return new Layer(at, at.resolve("merged"));
  }

  /** A layer in {@code dir} whose files are seen at {@code mountPoint}. */
  static Layer at(Path dir, Path mountPoint) {
    return new Layer(dir.toAbsolutePath().normalize(), mountPoint.toAbsolutePath().normalize());
  }

  Path upper() {
    return dir.resolve("upper");
  }

  Path work() {
    return dir.resolve("work");
  }

  boolean exists() {
    return Files.isDirectory(merged());
  }

  void create() throws IOException {
    Files.createDirectories(upper());
    Files.createDirectories(work());
    Files.createDirectories(merged());
  }

  /** Mounts {@code lower} under this layer's changes at {@link #merged}. */
  void mountOver(Path lower) throws IOException {
    create();
    Mounts.overlay(lower, upper(), work(), merged());
  }

  boolean mounted() {
    return Mounts.isMountPoint(merged());
  }

  void unmount() throws IOException {
    Mounts.unmount(merged());
  }

  /** Unmounts the layer (a mount's files are never deleted through it) and deletes it. */
  void delete() throws IOException {
    unmount();
    Mounts.unmountUnder(dir);
    Directories.deleteRecursively(dir);
  }
}
