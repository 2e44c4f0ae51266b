package dev.fastci.spec;

/**
 * The pipeline's {@code concurrency}: at most one run of a group runs at a time.
 *
 * @param group the group's key, with {@code {{ git.branch }}}, {@code {{ git.commit }}}, {@code {{
 *     pipeline.name }}} and {@code {{ params.NAME }}} filled in
 * @param cancelInProgress true: a new run cancels the running one; false: it waits, QUEUED
 */
public record ConcurrencySpec(String group, boolean cancelInProgress) {}
