package dev.fastci.artifacts;

/**
 * A file a job kept ({@code artifacts}).
 *
 * @param path relative to the job's working dir, with {@code /} separators
 * @param sizeBytes its size
 */
public record Artifact(String job, int attempt, String path, long sizeBytes) {}
