package dev.fastci.contract;

import java.util.List;

/**
 * A job as the workflow sees it now. Times are epoch milliseconds, null until they happen.
 *
 * @param host the worker host that ran it, null before it ran
 * @param cached true when the job was memoized: it did not run, its recorded log and outputs were
 *     restored
 * @param skipReason why a SKIPPED job did not run ({@code when.branch: …}, a parent that did not
 *     succeed), else null
 * @param tries the tries of this attempt that ended so far, oldest first, for a job whose {@code
 *     retry} gives it more than one (the last one too once the job ended); empty otherwise
 * @param maxTries how many tries the job's attempt gets (1 without {@code retry})
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
    String host,
    boolean cached,
    String skipReason,
    List<JobTry> tries,
    int maxTries) {

  public JobState {
    tries = tries == null ? List.of() : List.copyOf(tries);
    maxTries = Math.max(1, maxTries);
  }

  /** A job with one try. */
  public JobState(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Long startedAt,
      Long finishedAt,
      List<String> parents,
      String error,
      String host,
      boolean cached,
      String skipReason) {
    this(
        name,
        status,
        exitCode,
        attempt,
        startedAt,
        finishedAt,
        parents,
        error,
        host,
        cached,
        skipReason,
        List.of(),
        1);
  }

  /** A job that was not skipped with a reason. */
  public JobState(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Long startedAt,
      Long finishedAt,
      List<String> parents,
      String error,
      String host,
      boolean cached) {
    this(
        name, status, exitCode, attempt, startedAt, finishedAt, parents, error, host, cached, null);
  }

  /** A job that was not memoized. */
  public JobState(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Long startedAt,
      Long finishedAt,
      List<String> parents,
      String error,
      String host) {
    this(name, status, exitCode, attempt, startedAt, finishedAt, parents, error, host, false);
  }
}
