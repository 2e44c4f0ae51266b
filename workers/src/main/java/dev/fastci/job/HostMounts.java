package dev.fastci.job;

import dev.fastci.backend.JobStartException;
import dev.fastci.contract.JobRequest;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.MountPaths;
import dev.fastci.spec.SpecError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The last check of a job's host paths, as its container is made: a path that now leads where the
 * worker's policy refuses (a link swapped after the run was submitted) is not mounted, and the job
 * ends in ERROR naming it.
 */
final class HostMounts {
  private HostMounts() {}

  /**
   * @throws JobStartException naming every refused path
   */
  static void recheck(JobRequest request, HostPathPolicy policy) {
    List<SpecError> refused =
        MountPaths.check(policy, request.job().volumes(), request.workdirFromHost());
    if (!refused.isEmpty()) {
      throw new JobStartException(
          "refused to mount "
              + refused.stream()
                  .map(e -> e.path() + ": " + e.message())
                  .collect(Collectors.joining("; "))
              + " (checked again as the container was made: the path may have changed since the"
              + " run was submitted)",
          null);
    }
  }
}
