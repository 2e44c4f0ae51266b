package dev.fastci.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Overlay mounts made with the system's {@code mount} and {@code umount} (util-linux), which only
 * root can make. A mount point is found in {@code /proc/self/mountinfo}, so a mount outlives the
 * process that made it and is still found after a restart.
 */
public final class Mounts {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
  private static final long COMMAND_SECONDS = 30;

  private Mounts() {}

  /**
   * Mounts {@code lower} read-only under the writable {@code upper} at {@code target}. With {@code
   * userxattr}, a dir the job replaced carries {@code user.overlay.opaque}, which any process
   * reads.
   *
   * @throws IOException with mount's own message when the mount fails
   */
  public static void overlay(Path lower, Path upper, Path work, Path target) throws IOException {
    String options =
        "lowerdir=" + escape(lower) + ",upperdir=" + escape(upper) + ",workdir=" + escape(work);
    run("mount", "-t", "overlay", "overlay", "-o", options + ",userxattr", target.toString());
  }

  /** Unmounts {@code target}; nothing happens when nothing is mounted there. */
  public static void unmount(Path target) throws IOException {
    if (isMountPoint(target)) {
      run("umount", target.toString());
    }
  }

  /** Unmounts every mount at or under {@code dir}, the deepest first. */
  public static void unmountUnder(Path dir) throws IOException {
    List<Path> under = new ArrayList<>();
    Path root = dir.toAbsolutePath().normalize();
    for (Path point : mountPoints()) {
      if (point.startsWith(root)) {
        under.add(point);
      }
    }
    under.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path point : under) {
      run("umount", point.toString());
    }
  }

  public static boolean isMountPoint(Path path) {
    return mountPoints().contains(path.toAbsolutePath().normalize());
  }

  /** The mount points of this process's mount namespace. */
  public static List<Path> mountPoints() {
    List<Path> points = new ArrayList<>();
    if (!Files.isReadable(MOUNTINFO)) {
      return points;
    }
    try {
      for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          points.add(Path.of(unescape(fields[4])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + MOUNTINFO, e);
    }
    return points;
  }

  /** The overlay option syntax: commas and colons separate, so they are escaped in paths. */
  private static String escape(Path path) {
    return path.toAbsolutePath().normalize().toString().replace(",", "\\,").replace(":", "\\:");
  }

  /** mountinfo escapes space, tab, newline and backslash as octal. */
  private static String unescape(String field) {
    return field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }

  private static void run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not end in " + COMMAND_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(command[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running " + command[0], e);
    }
  }
}
