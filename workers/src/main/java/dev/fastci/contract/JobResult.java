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
    boolean cached) {

  public static JobResult exited(
      int exitCode, boolean timedOut, long startedAt, long now, String host) {
    JobOutcome outcome =
        timedOut ? JobOutcome.TIMED_OUT : exitCode == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED;
    return new JobResult(outcome, exitCode, null, startedAt, now, host, false);
  }

  /** Killed by the kernel for going over its memory limit. */
  public static JobResult outOfMemory(
      int exitCode, String error, long startedAt, long now, String host) {
    return new JobResult(JobOutcome.FAILED, exitCode, error, startedAt, now, host, false);
  }

  public static JobResult couldNotStart(String error, long startedAt, long now, String host) {
    return new JobResult(JobOutcome.ERROR, null, error, startedAt, now, host, false);
  }

  /** A memoized job: its recorded run was replayed instead of running it. */
  public static JobResult memoized(long startedAt, long now, String host) {
    return new JobResult(JobOutcome.SUCCEEDED, 0, null, startedAt, now, host, true);
  }
}
