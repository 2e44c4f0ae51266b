package dev.fastci.server.repos;

import java.time.Instant;

/**
 * A run that a repository's push or pull request started.
 *
 * @param event {@code push}, {@code tag} or {@code pull_request}
 * @param branch the pushed branch, or the pull request's source branch; null for a tag
 * @param pullRequest the pull (merge) request's number, or null
 * @param fork the pull request comes from a fork: its run is untrusted
 * @param needsApproval the run must wait for a user's approval before any container starts
 * @param groupKey the run's default concurrency group: a new run of the group supersedes it
 */
public record RepoRun(
    String runId,
    long repoId,
    String event,
    String branch,
    Integer pullRequest,
    String prTitle,
    String commitSha,
    boolean fork,
    boolean needsApproval,
    String groupKey,
    Instant createdAt) {}
