package dev.fastci.workflow;

import java.util.List;

/**
 * A job as the workflow sees it now. Times are epoch milliseconds, null until they happen.
 *
 * @param host the worker host that ran it, null before it ran
 */
public record JobState(
    String name,
    JobStatus status,
    Integer exitCode,
    int attempt,
    Long startedAt,
    Long finishedAt,
    List<String> parents,
    String error,
    String host) {}
