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
    String skipReason) {

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
