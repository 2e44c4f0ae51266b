package dev.fastci.contract;

/**
 * One try of a job attempt that ended. A job's {@code retry} gives each attempt up to {@code max}
 * tries, each in a fresh container with its own log; Temporal runs the next one after the backoff.
 *
 * @param number from 1
 * @param exitCode the container's exit code, or null when it never ran
 * @param error why the try could not run (ERROR), or why it was killed (out of memory)
 * @param retryAt when Temporal starts the next try (epoch millis); null for the attempt's last try
 */
public record JobTry(
    int number,
    JobOutcome outcome,
    Integer exitCode,
    String error,
    long startedAt,
    long finishedAt,
    Long retryAt) {

  /** The try's end as a job status (the outcomes and the final statuses share their names). */
  public JobStatus status() {
    return JobStatus.valueOf(outcome.name());
  }

  /** Whether another try followed this one. */
  public boolean retried() {
    return retryAt != null;
  }

  /** The try that a job result ends. */
  public static JobTry of(int number, JobResult result, Long retryAt) {
    return new JobTry(
        number,
        result.outcome(),
        result.exitCode(),
        result.error(),
        result.startedAt(),
        result.finishedAt(),
        retryAt);
  }
}
