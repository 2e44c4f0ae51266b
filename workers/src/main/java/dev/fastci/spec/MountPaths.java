package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's host paths judged again, where they lead now: the worker does it just before it makes the
 * job's container, since a link checked at submit may have been swapped since (by an earlier job
 * that could write into an allowed root, say).
 */
public final class MountPaths {
  private MountPaths() {}

  /**
   * Every host path of the job (its volumes' host sides, the pipeline's {@code
   * bind_workdir_from_host}) the policy refuses now, by the field's path within the job.
   */
  public static List<SpecError> check(
      HostPathPolicy policy, List<String> volumes, String workdirFromHost) {
    List<SpecError> errors = new ArrayList<>();
    for (int v = 0; v < volumes.size(); v++) {
      String volume = volumes.get(v);
      if (HostPaths.isHostPath(volume)) {
        String hostSide =
            volume.substring(0, volume.indexOf(':') < 0 ? volume.length() : volume.indexOf(':'));
        String at = SpecErrors.index("volumes", v);
        policy.problem(hostSide).ifPresent(problem -> errors.add(new SpecError(at, problem)));
      }
    }
    if (workdirFromHost != null) {
      policy
          .problem(workdirFromHost)
          .ifPresent(problem -> errors.add(new SpecError("bind_workdir_from_host", problem)));
    }
    return List.copyOf(errors);
  }
}
