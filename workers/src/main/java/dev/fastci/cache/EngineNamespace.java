package dev.fastci.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the Docker engine sees this process's mounts: only when it runs in the same mount
 * namespace. A worker in a container (its own namespace, or its own process ids) mounts where the
 * engine cannot see, and a job would find an empty dir; a dockerd that is not visible at all is
 * taken as such.
 */
final class EngineNamespace {
  private static final Path PROC = Path.of("/proc");

  private EngineNamespace() {}

  /** Why the engine would not see this process's mounts, or empty when it would. */
  static Optional<String> whyNotShared() {
    Optional<Path> engine = engineProcess();
    if (engine.isEmpty()) {
      return Optional.of(
          "no dockerd process is visible from this worker (a worker in a container, or an engine"
              + " on another host), so the engine would not see its mounts");
    }
    try {
      Path ours = Files.readSymbolicLink(PROC.resolve("self/ns/mnt"));
      Path theirs = Files.readSymbolicLink(engine.get().resolve("ns/mnt"));
      return ours.equals(theirs)
          ? Optional.empty()
          : Optional.of(
              "this worker runs in another mount namespace than dockerd (a container), whose"
                  + " mounts the engine cannot see");
    } catch (IOException | SecurityException e) {
      return Optional.of("the mount namespace of dockerd cannot be read: " + e.getMessage());
    }
  }

  private static Optional<Path> engineProcess() {
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        try {
          if (Files.readString(process.resolve("comm"), StandardCharsets.UTF_8)
              .strip()
              .equals("dockerd")) {
            return Optional.of(process);
          }
        } catch (IOException ended) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
