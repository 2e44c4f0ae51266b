package dev.fastci.contract;

/**
 * The pipeline dir a run needs.
 *
 * @param repoUrl cloned into the dir at {@code commitHash}, or null for an empty dir
 * @param reuseExisting a retry or resume: keep the dir (and what earlier jobs left in it) if it is
 *     there
 * @param access how to fetch the repository; null for its plain URL and the worker's credentials
 */
public record PipelineDirRequest(
    String runId, String repoUrl, String commitHash, boolean reuseExisting, RepoAccess access) {

  public PipelineDirRequest(
      String runId, String repoUrl, String commitHash, boolean reuseExisting) {
    this(runId, repoUrl, commitHash, reuseExisting, null);
  }
}
