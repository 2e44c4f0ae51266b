package dev.fastci.contract;

import java.util.List;

/**
 * The end of one job activity.
 *
 * @param exitCode the container's exit code, or null when it never ran
 * @param error why the job could not run, for {@link JobOutcome#ERROR}; why it was killed (out of
 *     memory) for {@link JobOutcome#FAILED}
 * @param host the worker host that ran it
 * @param cached true when the job was memoized: not run, its log and outputs restored
 * @param tries every try of the attempt, this one last, for a job whose {@code retry} gives it more
 *     than one; empty otherwise
 */
public record JobResult(
    JobOutcome outcome,
    Integer exitCode,
    String error,
    long startedAt,
    long finishedAt,
    String host,
    boolean cached,
    List<JobTry> tries) {

  public JobResult {
    tries = tries == null ? List.of() : List.copyOf(tries);
  }

  /** The end of a job that has one try. */
  public JobResult(
      JobOutcome outcome,
      Integer exitCode,
      String error,
      long startedAt,
      long finishedAt,
      String host,
      boolean cached) {
    this(outcome, exitCode, error, startedAt, finishedAt, host, cached, List.of());
  }

  /** The same end, with the tries of the attempt it ends. */
  public JobResult withTries(List<JobTry> all) {
    return new JobResult(outcome, exitCode, error, startedAt, finishedAt, host, cached, all);
  }
}
