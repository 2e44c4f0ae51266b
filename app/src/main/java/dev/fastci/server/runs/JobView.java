package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.spec.JobSpec;
import java.time.Instant;
import java.util.List;

/**
 * A job in the API's run detail.
 *
 * @param skipReason why a SKIPPED job did not run ({@code when.branch: ...}, a parent), or null
 * @param displayName what the UI shows: the name, or {@code test (jdk=17)} for a matrix instance
 * @param group the matrix job an instance belongs to, or null
 * @param tries the tries of the job's latest attempt, oldest first (see {@link
 *     TryView#of(JobState)})
 * @param maxTries how many tries each attempt gets (1 without {@code retry})
 * @param approvalMessage an approval job's message (its parameters filled in); null for other jobs
 */
public record JobView(
    String name,
    JobStatus status,
    Integer exitCode,
    int attempt,
    Instant startedAt,
    Instant finishedAt,
    List<String> parents,
    String error,
    String host,
    boolean cached,
    List<Integer> attempts,
    String skipReason,
    String displayName,
    String group,
    List<TryView> tries,
    int maxTries,
    String approvalMessage) {

  public JobView {
    tries = tries == null ? List.of() : List.copyOf(tries);
    maxTries = Math.max(1, maxTries);
  }

  /** A job that is not an approval. */
  public JobView(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Instant startedAt,
      Instant finishedAt,
      List<String> parents,
      String error,
      String host,
      boolean cached,
      List<Integer> attempts,
      String skipReason,
      String displayName,
      String group,
      List<TryView> tries,
      int maxTries) {
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
        attempts,
        skipReason,
        displayName,
        group,
        tries,
        maxTries,
        null);
  }

  /** A job of one try. */
  public JobView(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Instant startedAt,
      Instant finishedAt,
      List<String> parents,
      String error,
      String host,
      boolean cached,
      List<Integer> attempts,
      String skipReason,
      String displayName,
      String group,
      String approvalMessage) {
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
        attempts,
        skipReason,
        displayName,
        group,
        List.of(),
        1,
        approvalMessage);
  }

  /** A job that is not a matrix instance and was not skipped with a reason. */
  public JobView(
      String name,
      JobStatus status,
      Integer exitCode,
      int attempt,
      Instant startedAt,
      Instant finishedAt,
      List<String> parents,
      String error,
      String host,
      boolean cached,
      List<Integer> attempts) {
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
        attempts,
        null,
        name,
        null,
        List.of(),
        1,
        null);
  }

  static JobView of(JobState job, List<Integer> attempts, JobSpec spec) {
    return new JobView(
        job.name(),
        job.status(),
        job.exitCode(),
        job.attempt(),
        instant(job.startedAt()),
        instant(job.finishedAt()),
        job.parents(),
        job.error(),
        job.host(),
        job.cached(),
        attempts,
        job.skipReason(),
        spec.displayName(),
        spec.matrix() == null ? null : spec.matrix().group(),
        TryView.of(job),
        job.maxTries(),
        spec.hasApproval() ? spec.approval().message() : null);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
