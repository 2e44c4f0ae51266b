package dev.fastci.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The roots under which a {@link HostPathPolicy} allows host paths ({@code
 * fastci.volumes.allowed-roots}); none allows no host path.
 */
final class AllowedRoots {
  private final List<Path> configured; // absolute and normalized

  private AllowedRoots(List<Path> configured) {
    this.configured = List.copyOf(configured);
  }

  static AllowedRoots none() {
    return new AllowedRoots(List.of());
  }

  /**
   * The roots as configured; blank entries are skipped.
   *
   * @throws IllegalArgumentException when a root is not an absolute path
   */
  static AllowedRoots parse(Collection<String> configured) {
    List<Path> roots = new ArrayList<>();
    for (String root : configured) {
      if (root == null || root.isBlank()) {
        continue;
      }
      Path path = Path.of(root.strip());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            HostPathPolicy.ALLOWED_ROOTS_SETTING
                + ": "
                + root.strip()
                + " is not an absolute path");
      }
      roots.add(path.normalize());
    }
    return new AllowedRoots(roots);
  }

  /** The first of these real paths that is under no root, or empty when all are under one. */
  Optional<Path> firstOutside(Collection<Path> realPaths) {
    List<Path> roots = resolved();
    return realPaths.stream().filter(p -> roots.stream().noneMatch(p::startsWith)).findFirst();
  }

  /** The roots where they really are now; a root that cannot be resolved allows nothing. */
  private List<Path> resolved() {
    List<Path> resolved = new ArrayList<>();
    for (Path root : configured) {
      try {
        resolved.add(HostPaths.realPath(root));
      } catch (IOException unresolvable) {
        // skipped
      }
    }
    return resolved;
  }
}
