package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import java.time.Instant;
import java.util.List;

/** A job in the API's run detail. */
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
    List<Integer> attempts) {

  static JobView of(JobState job, List<Integer> attempts) {
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
        attempts);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
