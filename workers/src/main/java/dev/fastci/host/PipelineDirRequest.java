package dev.fastci.host;

/**
 * The pipeline dir a run needs.
 *
 * @param repoUrl cloned into the dir at {@code commitHash}, or null for an empty dir
 */
public record PipelineDirRequest(String runId, String repoUrl, String commitHash) {}
