package dev.fastci.contract;

/**
 * The end of one job activity.
 *
 * @param exitCode the container's exit code, or null when it never ran
 * @param error why the job could not run, for {@link JobOutcome#ERROR}; why it was killed (out of
 *     memory) for {@link JobOutcome#FAILED}
 * @param host the worker host that ran it
 * @param cached true when the job was memoized: not run, its log and outputs restored
 */
public record JobResult(
    JobOutcome outcome,
    Integer exitCode,
    String error,
    long startedAt,
    long finishedAt,
    String host,
    boolean cached) {}
