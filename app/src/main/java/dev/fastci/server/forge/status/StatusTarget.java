package dev.fastci.server.forge.status;

/**
 * Where one run's status goes: a commit of a registered repository, under the pipeline's context.
 *
 * @param context {@code fastci/<pipeline name>}
 * @param targetUrl the run's page, under {@code fastci.public-url}
 */
public record StatusTarget(
    String runId, long repoId, String sha, String context, String targetUrl) {}
