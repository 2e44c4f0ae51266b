package dev.fastci.server.runs;

import dev.fastci.contract.RepoAccess;

/**
 * Where a run's code comes from, beyond its spec: how its repository is fetched (a pull request's
 * ref, the clone token's secret name), whether its code is untrusted (a pull request from a fork:
 * no secrets, no cache or memo writes), whether it waits for a user's approval before anything of
 * it starts, and its default concurrency group. Kept with the run, so retries and resumes keep it.
 *
 * @param holdForApproval the run is held {@code WAITING}, its workflow not started, until a user
 *     approves it ({@code POST /api/pipelines/{id}/approve})
 * @param defaultGroup the run's concurrency group when its pipeline names none (a new run of the
 *     group supersedes it), or null
 */
public record RunOrigin(
    RepoAccess access, boolean untrusted, boolean holdForApproval, String defaultGroup) {
  /** A run of a spec as submitted: its repository (if any) fetched plainly, trusted. */
  public static final RunOrigin SUBMITTED = new RunOrigin(null, false, false, null);

  /** A run that starts at once, in no group of its own. */
  public RunOrigin(RepoAccess access, boolean untrusted) {
    this(access, untrusted, false, null);
  }
}
