package dev.fastci.spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker engine's sockets, which no pipeline may mount whatever the settings: a job that can
 * reach the engine controls the host.
 */
public final class DockerSockets {
  /** Where the Docker engine listens by default on Linux. */
  public static final List<Path> DEFAULTS =
      List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"));

  private DockerSockets() {}

  /**
   * The Docker sockets to protect: the default ones and the unix socket of {@code DOCKER_HOST} (the
   * environment variable or the system property of that name), when it names one.
   */
  public static List<Path> fromEnv(Map<String, String> env) {
    Set<Path> sockets = new LinkedHashSet<>(DEFAULTS);
    String dockerHost = System.getProperty("DOCKER_HOST");
    if (dockerHost == null || dockerHost.isBlank()) {
      dockerHost = env.get("DOCKER_HOST");
    }
    unixSocket(dockerHost).ifPresent(sockets::add);
    return List.copyOf(sockets);
  }

  /** The socket path of a {@code unix://} Docker host, or empty for any other kind. */
  static Optional<Path> unixSocket(String dockerHost) {
    if (dockerHost == null || !dockerHost.strip().startsWith("unix://")) {
      return Optional.empty();
    }
    try {
      String path = URI.create(dockerHost.strip()).getPath();
      return path == null || !path.startsWith("/") ? Optional.empty() : Optional.of(Path.of(path));
    } catch (IllegalArgumentException e) { // a bad URI or path
      String path = dockerHost.strip().substring("unix://".length());
      return path.startsWith("/") ? Optional.of(Path.of(path)) : Optional.empty();
    }
  }

  /**
   * Why a host path that leads to {@code reading} would expose one of the sockets (it is one, or
   * holds one), or empty when it would not.
   *
   * @param shown the host path as the message names it
   */
  static Optional<String> problem(Collection<Path> sockets, String shown, Path reading) {
    for (Path socket : resolved(sockets)) {
      if (socket.equals(reading)) {
        return Optional.of(shown + " is the Docker socket, which may not be mounted");
      }
      if (socket.startsWith(reading)) {
        return Optional.of(
            shown + " contains the Docker socket " + socket + ", which may not be mounted");
      }
    }
    return Optional.empty();
  }

  /** The sockets as configured and where they really are. */
  private static Set<Path> resolved(Collection<Path> configured) {
    Set<Path> sockets = new LinkedHashSet<>();
    for (Path socket : configured) {
      sockets.add(socket.toAbsolutePath().normalize());
      try {
        sockets.add(HostPaths.realPath(socket.toAbsolutePath()));
      } catch (IOException unresolvable) {
        // the configured path is still protected
      }
    }
    return sockets;
  }
}
