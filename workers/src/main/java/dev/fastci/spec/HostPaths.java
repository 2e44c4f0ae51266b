package dev.fastci.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Host paths as a job's volumes name them, and where a path on this host really leads. */
public final class HostPaths {
  private static final int MAX_LINKS = 40; // as Linux's ELOOP limit

  private HostPaths() {}

  /** True when a volume's host side is a host path ({@code /...}), not a named volume. */
  public static boolean isHostPath(String volume) {
    return hostSide(volume).startsWith("/");
  }

  /** The host side of a volume: a host path or a volume name. */
  static String hostSide(String volume) {
    int colon = volume.indexOf(':');
    return colon < 0 ? volume : volume.substring(0, colon);
  }

  /**
   * Where an absolute path really leads: {@link Path#toRealPath} when it exists; otherwise the real
   * path of its nearest existing ancestor (following a dangling link, as creating the path would)
   * with the rest appended and normalized.
   *
   * @throws IOException when a part cannot be read, or the links loop
   */
  public static Path realPath(Path path) throws IOException {
    Path current = path.toAbsolutePath();
    for (int links = 0; links <= MAX_LINKS; links++) {
      Path existing = current;
      Path rest = null;
      while (true) {
        try {
          Path real = existing.toRealPath();
          return (rest == null ? real : real.resolve(rest)).normalize();
        } catch (NoSuchFileException missing) {
          if (Files.isSymbolicLink(existing)) {
            break; // a dangling link: follow it below
          }
          Path name = existing.getFileName();
          Path parent = existing.getParent();
          if (name == null || parent == null) {
            throw missing;
          }
          rest = rest == null ? name : name.resolve(rest);
          existing = parent;
        }
      }
      Path target = existing.getParent().resolve(Files.readSymbolicLink(existing));
      current = rest == null ? target : target.resolve(rest);
    }
    throw new IOException(path + ": too many levels of symbolic links");
  }
}
