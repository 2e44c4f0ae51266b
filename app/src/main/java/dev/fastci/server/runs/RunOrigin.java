package dev.fastci.server.runs;

import dev.fastci.contract.RepoAccess;

/**
 * Where a run's code comes from, beyond its spec: how its repository is fetched (a pull request's
 * ref, the clone token's secret name) and whether its code is untrusted (a pull request from a
 * fork: no secrets, no cache or memo writes). Kept with the run, so retries and resumes keep it.
 */
public record RunOrigin(RepoAccess access, boolean untrusted) {
  /** A run of a spec as submitted: its repository (if any) fetched plainly, trusted. */
  public static final RunOrigin SUBMITTED = new RunOrigin(null, false);
}
