package dev.fastci.server.forge;

/**
 * A pull request's default concurrency group for one pipeline: a new push to the pull request
 * supersedes its running runs of that pipeline, and nothing else. A pipeline's own {@code
 * concurrency} replaces it.
 */
final class PullRequestGroup {
  private PullRequestGroup() {}

  static String key(String forge, String repo, int pullRequest, String pipeline) {
    return forge + ":" + repo + "#" + pullRequest + ":" + pipeline;
  }
}
