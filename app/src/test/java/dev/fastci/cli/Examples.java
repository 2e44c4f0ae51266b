package dev.fastci.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples/ folder, found from the test's working dir. */
final class Examples {
  private Examples() {}

  static String file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples").resolve(name);
      if (Files.exists(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("examples/" + name + " not found above the working dir");
  }
}
