package dev.fastci.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One try of a job attempt in the API ({@code "try": N}) and on the job page.
 *
 * @param retryAt when the next try started (or starts), or null for the attempt's last try
 */
public record TryView(
    @JsonProperty("try") int number,
    JobStatus status,
    Integer exitCode,
    String error,
    Instant startedAt,
    Instant finishedAt,
    Instant retryAt) {

  static TryView of(JobTry ended) {
    return new TryView(
        ended.number(),
        ended.status(),
        ended.exitCode(),
        ended.error(),
        Instant.ofEpochMilli(ended.startedAt()),
        Instant.ofEpochMilli(ended.finishedAt()),
        ended.retryAt() == null ? null : Instant.ofEpochMilli(ended.retryAt()));
  }

  /**
   * The tries of the job's attempt: those that ended, then the one that follows the last retried
   * try (running, or how the job ended when it never ended by itself, e.g. cancelled in its wait);
   * a job with one try has that one, as the job itself; a job that never ran has none.
   */
  static List<TryView> of(JobState job) {
    List<TryView> tries = new ArrayList<>();
    job.tries().forEach(t -> tries.add(of(t)));
    boolean ran =
        job.status() != JobStatus.PENDING
            && job.status() != JobStatus.SKIPPED
            && !(job.status() == JobStatus.CANCELLED && job.startedAt() == null);
    if (tries.isEmpty() && ran) {
      tries.add(fromJob(1, job));
    } else if (!tries.isEmpty() && tries.get(tries.size() - 1).retryAt() != null) {
      tries.add(fromJob(tries.get(tries.size() - 1).number() + 1, job));
    }
    return tries;
  }

  private static TryView fromJob(int number, JobState job) {
    boolean over = job.status().isFinal();
    return new TryView(
        number,
        job.status(),
        job.exitCode(),
        job.error(),
        number == 1 && job.startedAt() != null ? Instant.ofEpochMilli(job.startedAt()) : null,
        over && job.finishedAt() != null ? Instant.ofEpochMilli(job.finishedAt()) : null,
        null);
  }

  /** Whether this try is over: its log grows no more. */
  public boolean ended() {
    return status.isFinal();
  }

  /**
   * The try that {@code wanted} names among a job attempt's tries: the last one when null (try 1
   * when none is known yet).
   *
   * @throws RunNotFoundException (404) when the attempt has no such try
   */
  public static int require(List<TryView> tries, String job, int attempt, Integer wanted) {
    int last = tries.isEmpty() ? 1 : tries.get(tries.size() - 1).number();
    int number = wanted == null ? last : wanted;
    if (number < 1 || number > last) {
      throw new RunNotFoundException(
          "attempt " + attempt + " of job " + job + " has no try " + number);
    }
    return number;
  }

  /** Try {@code number} among these, or null. */
  public static TryView find(List<TryView> tries, int number) {
    return tries.stream().filter(t -> t.number() == number).findFirst().orElse(null);
  }

  /**
   * Whether try {@code number} is over among these tries (a later one, or its own end, says so).
   */
  public static boolean ended(List<TryView> tries, int number) {
    return tries.stream().anyMatch(t -> t.number() > number || (t.number() == number && t.ended()));
  }
}
