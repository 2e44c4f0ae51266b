package dev.fastci.cache;

import dev.fastci.util.Mounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which entries are mounted under a job's layer now: an entry whose files a mount reads must not be
 * deleted until it is unmounted. A pin is a file in the entry's {@code pins/} naming the mount
 * point, and it holds as long as that mount point is mounted: so no pin outlives its mount, also
 * after a crash, and none needs to be taken back.
 */
final class CachePins {
  private static final String PINS = "pins";

  private CachePins() {}

  static void pin(Path entryDir, Path mountPoint) throws IOException {
    Path pins = entryDir.resolve(PINS);
    Files.createDirectories(pins);
    String point = mountPoint.toAbsolutePath().normalize().toString();
    Files.writeString(
        pins.resolve(Integer.toHexString(point.hashCode()) + "-" + point.length()),
        point,
        StandardCharsets.UTF_8);
  }

  /** True when a mount point named in the entry's pins is mounted now. */
  static boolean inUse(Path entryDir) {
    Path pins = entryDir.resolve(PINS);
    if (!Files.isDirectory(pins)) {
      return false;
    }
    Set<Path> mounted = new HashSet<>(Mounts.mountPoints());
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pins)) {
      for (Path pin : files) {
        if (mounted.contains(Path.of(Files.readString(pin, StandardCharsets.UTF_8)))) {
          return true;
        }
      }
    } catch (IOException unreadable) {
      return true; // when in doubt, keep it
    }
    return false;
  }
}
