package dev.fastci.job;

import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.contract.JobTry;
import dev.fastci.logs.JobLog;
import dev.fastci.logs.LogFiles;
import dev.fastci.spec.RetrySpec;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tries of one job attempt. The try that is due is the first without a result file, so a try
 * never runs twice however often Temporal runs the activity (a worker that stopped, a lost task).
 * When a try ends in a way the job's {@code retry} covers and tries are left, the activity fails
 * with a retryable {@link ApplicationFailure}: Temporal runs it again after the try's backoff, and
 * the next try runs in a fresh container. Every other end, and the last try's, is the result.
 */
final class JobTries {
  /** The type of the failure that makes Temporal run the next try. */
  static final String TRY_AGAIN = "fastci.try-again";

  /** Runs one try of the attempt and returns its end, its result file written. */
  interface OneTry {
    JobResult run(JobRequest request, JobLog log);
  }

  private final LogFiles logs;
  private final JobResultFiles results;
  private final TrySignals signals;

  JobTries(LogFiles logs, JobResultFiles results, TrySignals signals) {
    this.logs = logs;
    this.results = results;
    this.signals = signals;
  }

  JobResult run(JobRequest request, OneTry oneTry) {
    List<JobTry> ended = new ArrayList<>();
    for (int number = 1; ; number++) {
      JobRequest thisTry = request.forTry(number);
      JobLog log = logOf(thisTry);
      Optional<JobResult> earlier = results.read(log);
      JobResult result = earlier.orElseGet(() -> oneTry.run(thisTry, log));
      if (number >= request.maxTries() || !retried(request, result)) {
        return request.maxTries() == 1
            ? result
            : result.withTries(with(ended, JobTry.of(number, result, null)));
      }
      long backoff = request.job().retry().backoffMillisAfter(number);
      JobTry done = JobTry.of(number, result, result.finishedAt() + backoff);
      ended.add(done);
      if (earlier.isEmpty()) {
        signals.tryEnded(thisTry, done);
        throw tryAgain(thisTry, result, backoff);
      }
    }
  }

  JobLog logOf(JobRequest request) {
    return JobLog.of(
        logs, request.runId(), request.job().name(), request.attempt(), request.tryNumber());
  }

  /** Whether the job's {@code retry} covers this end (tries left or not). */
  static boolean retried(JobRequest request, JobResult result) {
    RetrySpec retry = request.job().retry();
    if (retry == null || result.cached()) {
      return false;
    }
    return switch (result.outcome()) {
      case SUCCEEDED -> false;
      case FAILED -> retry.retries(RetrySpec.On.FAILURE, result.exitCode());
      case TIMED_OUT -> retry.retries(RetrySpec.On.TIMEOUT, result.exitCode());
      case ERROR -> retry.retries(RetrySpec.On.ERROR, result.exitCode());
    };
  }

  /**
   * Benign: an expected end that Temporal logs quietly. The next retry delay is the try's own
   * backoff, so an activity attempt lost to a worker that stopped does not lengthen it.
   */
  private static ApplicationFailure tryAgain(JobRequest request, JobResult result, long backoff) {
    return ApplicationFailure.newBuilder()
        .setType(TRY_AGAIN)
        .setMessage(
            "try "
                + request.tryNumber()
                + " of "
                + request.maxTries()
                + " ended "
                + describe(result)
                + "; the next try starts in "
                + backoff
                + " ms")
        .setNextRetryDelay(Duration.ofMillis(backoff))
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private static String describe(JobResult result) {
    String outcome = result.outcome().name();
    return result.exitCode() == null ? outcome : outcome + " (exit " + result.exitCode() + ")";
  }

  private static List<JobTry> with(List<JobTry> ended, JobTry last) {
    List<JobTry> all = new ArrayList<>(ended);
    all.add(last);
    return all;
  }
}
