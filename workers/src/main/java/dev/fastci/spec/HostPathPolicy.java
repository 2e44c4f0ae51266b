package dev.fastci.spec;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which host paths a pipeline may mount: the host side of job {@code volumes} (when it is a path,
 * not a named Docker volume) and {@code bind_workdir_from_host}.
 *
 * <p>Every path is judged by where it really leads: {@code ..} and symbolic links are resolved
 * first (a path that does not exist yet by its nearest existing ancestor, see {@link
 * HostPaths#realPath}). Whatever the settings, the host's root {@code /} and any path that is or
 * contains the Docker socket ({@link DockerSockets}) are refused: a job that can reach the engine
 * controls the host. On top of that a policy either allows no host path at all, or only paths under
 * its allowed roots, or (the command line without a setting) any other path.
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

  private static final Path ROOT = Path.of("/");

  private final AllowedRoots allowedRoots; // null: any path (but the socket and /)
  private final List<Path> dockerSockets;
  private final String noHostPathsReason; // non-null: no host path at all

  private HostPathPolicy(
      AllowedRoots allowedRoots, Collection<Path> dockerSockets, String noHostPathsReason) {
    this.allowedRoots = allowedRoots;
    this.dockerSockets = List.copyOf(dockerSockets);
    this.noHostPathsReason = noHostPathsReason;
  }

  /**
   * Host paths only under these roots (none allowed when the list is empty).
   *
   * @param dockerSockets the sockets to refuse, e.g. {@link DockerSockets#fromEnv}
   * @throws IllegalArgumentException when a root is not an absolute path
   */
  public static HostPathPolicy underRoots(
      Collection<String> allowedRoots, Collection<Path> dockerSockets) {
    return new HostPathPolicy(AllowedRoots.parse(allowedRoots), dockerSockets, null);
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
    return new HostPathPolicy(AllowedRoots.none(), DockerSockets.DEFAULTS, reason);
  }

  /** Every host path of the spec this policy refuses, by the path of the field. */
  public List<SpecError> check(PipelineSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    for (int j = 0; j < spec.jobs().size(); j++) {
      List<String> volumes = spec.jobs().get(j).volumes();
      for (int v = 0; v < volumes.size(); v++) {
        if (HostPaths.isHostPath(volumes.get(v))) {
          String at = SpecErrors.index(SpecErrors.index("jobs", j) + ".volumes", v);
          problem(HostPaths.hostSide(volumes.get(v)))
              .ifPresent(m -> errors.add(new SpecError(at, m)));
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
      resolved.add(HostPaths.realPath(lexical));
      resolved.add(HostPaths.realPath(raw));
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
      Optional<String> socket = DockerSockets.problem(dockerSockets, shown, reading);
      if (socket.isPresent()) {
        return socket;
      }
    }
    if (allowedRoots == null) {
      return Optional.empty();
    }
    return allowedRoots
        .firstOutside(resolved)
        .map(
            outside ->
                shown(hostPath, outside)
                    + " is not under an allowed root ("
                    + ALLOWED_ROOTS_SETTING
                    + ")");
  }

  private static String shown(String hostPath, Path reading) {
    return Path.of(hostPath).equals(reading)
        ? hostPath
        : hostPath + " (resolves to " + reading + ")";
  }
}
