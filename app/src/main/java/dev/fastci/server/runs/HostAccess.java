package dev.fastci.server.runs;

import dev.fastci.server.FastciProperties;
import dev.fastci.spec.DockerSockets;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.LocalRepos;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.SpecError;
import java.util.ArrayList;
import java.util.List;

/**
 * What of the server's disk a run may reach, checked when it is submitted and again when it is
 * retried: its host paths, and a local {@code repo_url}, must lie under the allowed roots. A push's
 * {@code repo_url} is the repository the signed git hook reported, so it is not checked.
 */
final class HostAccess {
  private final HostPathPolicy policy;

  HostAccess(HostPathPolicy policy) {
    this.policy = policy;
  }

  /** The server's: under {@code fastci.volumes.allowed-roots}, never the Docker socket. */
  static HostAccess ofServer(FastciProperties properties) {
    return new HostAccess(
        HostPathPolicy.underRoots(
            properties.volumes().allowedRoots(), DockerSockets.fromEnv(System.getenv())));
  }

  /**
   * @param triggerType the run's trigger: {@code push} for the git hook
   * @throws InvalidSpecException with every refused path, by field
   */
  PipelineSpec enforce(PipelineSpec spec, String triggerType) {
    List<SpecError> errors = new ArrayList<>(policy.check(spec));
    if (!"push".equals(triggerType)) {
      errors.addAll(LocalRepos.check(policy, spec));
    }
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return spec;
  }
}
