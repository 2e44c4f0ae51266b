package dev.fastci.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code repo_url} that names a repository on the server's own disk (a path, relative or
 * absolute, or a {@code file:} URL) is a host path like a volume's: it must lie under the allowed
 * roots, judged by where it really leads, with the same error at {@code repo_url}. Remote URLs
 * ({@code https://}, {@code ssh://}, {@code user@host:path}) are not host paths.
 */
public final class LocalRepos {
  private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP_LIKE = Pattern.compile("([^@/]+@)?[^/:]+:.*");

  private LocalRepos() {}

  /**
   * The absolute path a local {@code repo_url} names (a relative one against this process's working
   * directory, as the checkout reads it); empty for a remote one.
   *
   * @throws IllegalArgumentException for a {@code file:} URL with {@code %} escapes, which would be
   *     judged as one path and opened as another
   */
  public static Optional<String> localPath(String repoUrl) {
    String url = repoUrl.strip();
    if (url.toLowerCase(Locale.ROOT).startsWith("file:")) {
      String rest = url.substring("file:".length());
      if (rest.contains("%")) {
        throw new IllegalArgumentException(
            "a file: URL with % escapes is not supported here; give the plain path");
      }
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2); // file://host/path: the host is this machine
        rest = slash < 0 ? "/" : rest.substring(slash);
      }
      return Optional.of(absolute(rest));
    }
    if (URL_SCHEME.matcher(url).matches()) {
      return Optional.empty();
    }
    if (!url.startsWith("/") && !url.startsWith(".") && SCP_LIKE.matcher(url).matches()) {
      return Optional.empty(); // host:path, as git and JGit read it
    }
    return Optional.of(absolute(url));
  }

  /** The spec's local {@code repo_url} when the policy refuses it, by the field's path. */
  public static List<SpecError> check(HostPathPolicy policy, PipelineSpec spec) {
    if (spec.repoUrl() == null) {
      return List.of();
    }
    Optional<String> path;
    try {
      path = localPath(spec.repoUrl());
    } catch (IllegalArgumentException e) { // InvalidPathException too
      return List.of(new SpecError("repo_url", spec.repoUrl() + ": " + e.getMessage()));
    }
    return path.flatMap(policy::problem)
        .map(problem -> List.of(new SpecError("repo_url", problem)))
        .orElse(List.of());
  }

  /** The spec, when its local {@code repo_url} (if any) is allowed. */
  public static PipelineSpec enforce(HostPathPolicy policy, PipelineSpec spec) {
    List<SpecError> errors = check(policy, spec);
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return spec;
  }

  private static String absolute(String path) {
    return Path.of(path.isEmpty() ? "." : path).toAbsolutePath().toString();
  }
}
