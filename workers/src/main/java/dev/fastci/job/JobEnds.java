package dev.fastci.job;

import dev.fastci.backend.JobStartException;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import java.util.List;

/** The ends of a job attempt that ran no command: it could not start, or it was memoized. */
final class JobEnds {
  private final JobResultFiles results;
  private final JobCaching caching;
  private final String hostId;

  JobEnds(JobResultFiles results, JobCaching caching, String hostId) {
    this.results = results;
    this.caching = caching;
    this.hostId = hostId;
  }

  /** The log holds only the reason (a re-attached attempt's output is gone from it). */
  JobResult couldNotStart(JobLog log, JobStartException e, long startedAt) {
    log.writeFresh("fastci: " + e.getMessage());
    JobResult result =
        JobResults.couldNotStart(e.getMessage(), startedAt, System.currentTimeMillis(), hostId);
    results.write(log, result);
    return result;
  }

  /** A memoized job with an unchanged key: its recorded log and outputs are back, nothing ran. */
  JobResult replayed(JobRequest request, JobLog log, String key, long startedAt) {
    log.append(
        List.of(
            "fastci: memoized: not run; log and outputs restored (key "
                + key.substring(0, 12)
                + ")"));
    caching.passKeyOn(request, key);
    JobResult result = JobResults.memoized(startedAt, System.currentTimeMillis(), hostId);
    results.write(log, result);
    return result;
  }
}
