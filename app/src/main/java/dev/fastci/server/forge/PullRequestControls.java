package dev.fastci.server.forge;

/**
 * What pull requests' runs need from the run controls (approval gates and concurrency groups),
 * which this server does not have yet. The forge side is built: a pull request from a fork is
 * detected and, with {@code approve_forks}, marked as needing approval; each pull request run gets
 * its default concurrency group ({@link #groupKey}); both are recorded with the run. Once the run
 * controls exist, an implementation that answers true hands both to the run's submission.
 */
public interface PullRequestControls {

  /** Whether a run can wait ({@code WAITING}) for a user's approval before any container starts. */
  boolean holdsForApproval();

  /** Whether a new run of a concurrency group supersedes (cancels) the group's running runs. */
  boolean supersedesGroups();

  /**
   * A pull request's default concurrency group for one pipeline: a new push to the pull request
   * supersedes its runs of that pipeline, and nothing else.
   */
  static String groupKey(String forge, String repo, int pullRequest, String pipeline) {
    return forge + ":" + repo + "#" + pullRequest + ":" + pipeline;
  }
}
