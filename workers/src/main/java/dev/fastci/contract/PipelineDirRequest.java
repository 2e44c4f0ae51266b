package dev.fastci.contract;

/**
 * The pipeline dir a run needs.
 *
 * @param repoUrl cloned into the dir at {@code commitHash}, or null for an empty dir
 * @param reuseExisting a retry or resume: keep the dir (and what earlier jobs left in it) if it is
 *     there
 */
public record PipelineDirRequest(
    String runId, String repoUrl, String commitHash, boolean reuseExisting) {}
