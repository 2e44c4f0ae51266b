package dev.fastci.spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which host paths a pipeline may mount: the host side of job {@code volumes} (when it is a path,
 * not a named Docker volume) and {@code bind_workdir_from_host}.
 *
 * <p>Every path is judged by where it really leads: {@code ..} and symbolic links are resolved
 * first (a path that does not exist yet by its nearest existing ancestor). Whatever the settings,
 * the host's root {@code /} and any path that is or contains the Docker socket are refused: a job
 * that can reach the engine controls the host. On top of that a policy either allows no host path
 * at all, or only paths under its allowed roots, or (the command line without a setting) any other
 * path.
 *
 * <p>The paths are resolved when {@link #check} runs, so a symbolic link changed afterwards is not
 * seen; the check keeps honest mistakes and submitted specs from reaching the host, it does not
 * defend against someone who can already write to the allowed roots' parents.
 */
public final class HostPathPolicy {
  /** The setting that lists the allowed roots, as the server and the command line name it. */
  public static final String ALLOWED_ROOTS_SETTING = "fastci.volumes.allowed-roots";

  /** The setting that lists the repositories whose pushed pipelines may use host paths. */
  public static final String TRUSTED_REPOS_SETTING = "fastci.git.trusted-repos";

  /** Where the Docker engine listens by default on Linux. */
  public static final List<Path> DEFAULT_DOCKER_SOCKETS =
      List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"));

  private static final int MAX_LINKS = 40; // as Linux's ELOOP limit
  private static final Path ROOT = Path.of("/");

  private final List<Path> allowedRoots; // null: any path (but the socket and /)
  private final List<Path> dockerSockets;
  private final String noHostPathsReason; // non-null: no host path at all

  private HostPathPolicy(
      List<Path> allowedRoots, Collection<Path> dockerSockets, String noHostPathsReason) {
    this.allowedRoots = allowedRoots == null ? null : List.copyOf(allowedRoots);
    this.dockerSockets = List.copyOf(dockerSockets);
    this.noHostPathsReason = noHostPathsReason;
  }

  /**
   * Host paths only under these roots (none allowed when the list is empty).
   *
   * @throws IllegalArgumentException when a root is not an absolute path
   */
  public static HostPathPolicy underRoots(
      Collection<String> allowedRoots, Collection<Path> dockerSockets) {
    return new HostPathPolicy(roots(allowedRoots), dockerSockets, null);
  }

  /** Any host path but the Docker socket and {@code /}: for a user on their own machine. */
  public static HostPathPolicy anyHostPath(Collection<Path> dockerSockets) {
    return new HostPathPolicy(null, dockerSockets, null);
  }

  /**
   * No host path at all.
   *
   * @param reason why, shown after the path, e.g. "host paths are not allowed here"
   */
  public static HostPathPolicy noHostPaths(String reason) {
    return new HostPathPolicy(List.of(), DEFAULT_DOCKER_SOCKETS, reason);
  }

  /**
   * The Docker sockets to protect: the default ones and the unix socket of {@code DOCKER_HOST} (the
   * environment variable or the system property of that name), when it names one.
   */
  public static List<Path> dockerSockets(Map<String, String> env) {
    Set<Path> sockets = new LinkedHashSet<>(DEFAULT_DOCKER_SOCKETS);
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

  /** True when a volume's host side is a host path ({@code /...}), not a named volume. */
  public static boolean isHostPath(String volume) {
    return hostSide(volume).startsWith("/");
  }

  private static String hostSide(String volume) {
    int colon = volume.indexOf(':');
    return colon < 0 ? volume : volume.substring(0, colon);
  }

  /** Every host path of the spec this policy refuses, by the path of the field. */
  public List<SpecError> check(PipelineSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    for (int j = 0; j < spec.jobs().size(); j++) {
      List<String> volumes = spec.jobs().get(j).volumes();
      for (int v = 0; v < volumes.size(); v++) {
        if (isHostPath(volumes.get(v))) {
          String at = SpecErrors.index(SpecErrors.index("jobs", j) + ".volumes", v);
          problem(hostSide(volumes.get(v))).ifPresent(m -> errors.add(new SpecError(at, m)));
        }
      }
    }
    if (spec.bindWorkdirFromHost() != null) {
      problem(spec.bindWorkdirFromHost())
          .ifPresent(m -> errors.add(new SpecError("bind_workdir_from_host", m)));
    }
    return List.copyOf(errors);
  }

  /** The spec, when the policy allows all its host paths. */
  public PipelineSpec enforce(PipelineSpec spec) {
    List<SpecError> errors = check(spec);
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return spec;
  }

  /** Why this host path is refused, or empty when it is allowed. */
  Optional<String> problem(String hostPath) {
    if (noHostPathsReason != null) {
      return Optional.of(hostPath + ": " + noHostPathsReason);
    }
    Path raw;
    try {
      raw = Path.of(hostPath);
    } catch (InvalidPathException e) {
      return Optional.of(hostPath + " is not a valid path");
    }
    if (!raw.isAbsolute()) {
      return Optional.of(hostPath + " is not an absolute path");
    }
    // Docker cleans the path lexically before it mounts it, while the kernel resolves ".." after
    // a link: both readings must be allowed.
    Path lexical = raw.normalize();
    Set<Path> resolved = new LinkedHashSet<>();
    try {
      resolved.add(realPath(lexical));
      resolved.add(realPath(raw));
    } catch (IOException e) {
      return Optional.of(hostPath + " cannot be resolved: " + e.getMessage());
    }
    Set<Path> readings = new LinkedHashSet<>();
    readings.add(lexical);
    readings.addAll(resolved);
    for (Path reading : readings) {
      String shown = shown(hostPath, reading);
      if (reading.equals(ROOT)) {
        return Optional.of(shown + " is the host's root directory, which may not be mounted");
      }
      for (Path socket : sockets()) {
        if (socket.equals(reading)) {
          return Optional.of(shown + " is the Docker socket, which may not be mounted");
        }
        if (socket.startsWith(reading)) {
          return Optional.of(
              shown + " contains the Docker socket " + socket + ", which may not be mounted");
        }
      }
    }
    if (allowedRoots != null) {
      List<Path> roots = allowedRoots();
      for (Path reading : resolved) {
        if (roots.stream().noneMatch(reading::startsWith)) {
          return Optional.of(
              shown(hostPath, reading)
                  + " is not under an allowed root ("
                  + ALLOWED_ROOTS_SETTING
                  + ")");
        }
      }
    }
    return Optional.empty();
  }

  private static String shown(String hostPath, Path reading) {
    return Path.of(hostPath).equals(reading)
        ? hostPath
        : hostPath + " (resolves to " + reading + ")";
  }

  /** The sockets as configured and where they really are. */
  private Set<Path> sockets() {
    Set<Path> sockets = new LinkedHashSet<>();
    for (Path socket : dockerSockets) {
      sockets.add(socket.toAbsolutePath().normalize());
      try {
        sockets.add(realPath(socket.toAbsolutePath()));
      } catch (IOException unresolvable) {
        // the configured path is still protected
      }
    }
    return sockets;
  }

  /** The allowed roots where they really are; a root that cannot be resolved allows nothing. */
  private List<Path> allowedRoots() {
    List<Path> resolved = new ArrayList<>();
    for (Path root : allowedRoots) {
      try {
        resolved.add(realPath(root));
      } catch (IOException unresolvable) {
        // skipped
      }
    }
    return resolved;
  }

  private static List<Path> roots(Collection<String> configured) {
    List<Path> roots = new ArrayList<>();
    for (String root : configured) {
      if (root == null || root.isBlank()) {
        continue;
      }
      Path path = Path.of(root.strip());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            ALLOWED_ROOTS_SETTING + ": " + root.strip() + " is not an absolute path");
      }
      roots.add(path.normalize());
    }
    return roots;
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
