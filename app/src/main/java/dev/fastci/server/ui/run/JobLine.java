package dev.fastci.server.ui.run;

import dev.fastci.contract.JobStatus;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.ui.Formats;
import java.time.Instant;

/**
 * A job row of the run page, with the actions it offers.
 *
 * @param cached the job was memoized: shown with a "cached" badge
 * @param displayName what the page shows: the name, or {@code test (jdk=17)} for a matrix instance
 * @param skipReason why a SKIPPED job did not run, or null
 * @param tries the latest attempt's tries of a job with {@code retry} ({@code 2 of 3}), else null
 * @param approvalMessage an approval job's message, or null
 * @param approvable the job waits for approval: the page offers Approve and Reject
 */
public record JobLine(
    String name,
    String status,
    String statusClass,
    String exitCode,
    String duration,
    int attempt,
    String error,
    boolean cancellable,
    boolean retryable,
    boolean cached,
    String displayName,
    String skipReason,
    String tries,
    String approvalMessage,
    boolean approvable) {

  static JobLine of(JobView job, boolean runFinished, Instant now) {
    return new JobLine(
        job.name(),
        job.status().name(),
        Formats.statusClass(job.status()),
        job.exitCode() == null ? "-" : job.exitCode().toString(),
        Formats.duration(job.startedAt(), job.finishedAt(), now),
        job.attempt(),
        job.error(),
        !runFinished && !job.status().isFinal(),
        runFinished,
        job.cached(),
        job.displayName() == null ? job.name() : job.displayName(),
        job.skipReason(),
        tries(job),
        job.approvalMessage(),
        !runFinished && job.status() == JobStatus.WAITING);
  }

  /** {@code 2 of 3} once a job with more than one try has begun one, else null. */
  private static String tries(JobView job) {
    if (job.maxTries() <= 1 || job.tries().isEmpty()) {
      return null;
    }
    return job.tries().size() + " of " + job.maxTries();
  }
}
