package dev.fastci.job;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.JobContainer;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import dev.fastci.logs.TruncatingOutputStream;
import dev.fastci.secrets.SecretMaskingOutputStream;
import io.temporal.activity.ActivityExecutionContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container and follows it to its end: streams its output into the log (capped, secrets
 * masked, written in large blocks), heartbeats while it runs and while its output drains, kills it
 * at the job's timeout, and says why it ended.
 */
final class ContainerFollow {
  /** How often the activity heartbeats; a cancel reaches the container within about this. */
  static final Duration HEARTBEAT_EVERY = Duration.ofMillis(500);

  /** How long the log stream may go without a byte, after the container's exit, before we stop. */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

  /** The log file is written in blocks of this many bytes (and at each chunk of output). */
  private static final int WRITE_BUFFER = 64 * 1024;

  private final Backend backend;
  private final JobLimits limits;
  private final String hostId;

  ContainerFollow(Backend backend, JobLimits limits, String hostId) {
    this.backend = backend;
    this.limits = limits;
    this.hostId = hostId;
  }

  /**
   * The output is followed before the container starts (see {@link Backend#followLogs}), then the
   * container is started unless an earlier try did.
   *
   * @throws dev.fastci.backend.JobStartException when the container cannot be started
   * @throws ContainerLost when the container's end cannot be known
   * @throws WorkerStopping when the worker interrupts the activity
   */
  JobResult follow(
      JobRequest request,
      JobLog jobLog,
      JobContainer container,
      ActivityExecutionContext context,
      long startedAt,
      Collection<String> secretValues,
      List<String> preamble) {
    try (OutputStream log =
        new SecretMaskingOutputStream(
            new TruncatingOutputStream(
                new BufferedOutputStream(jobLog.openFresh(), WRITE_BUFFER), limits.maxLogBytes()),
            secretValues)) {
      for (String line : preamble) {
        log.write(JobLog.utf8Line(line));
      }
      log.flush();
      LogProgress output = new LogProgress(log);
      CompletableFuture<Void> logDone = backend.followLogs(container, output);
      try {
        backend.start(container);
        return followStarted(request, container, context, startedAt, log, output, logDone);
      } finally {
        logDone.cancel(false); // a stream that is still open (a failed start, a drain given up)
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + jobLog.path(), e);
    }
  }

  private JobResult followStarted(
      JobRequest request,
      JobContainer container,
      ActivityExecutionContext context,
      long startedAt,
      OutputStream log,
      LogProgress output,
      CompletableFuture<Void> logDone)
      throws IOException {
    CompletableFuture<ContainerExit> exit = backend.awaitExit(container);
    long deadline = deadline(request, startedAt);
    boolean timedOut = false;
    ContainerExit ended = null;
    while (ended == null) {
      ended = await(exit, HEARTBEAT_EVERY);
      if (ended == null) {
        context.heartbeat(null);
        if (!timedOut && System.currentTimeMillis() >= deadline) {
          timedOut = true;
          backend.kill(container);
        }
      }
    }
    awaitLogs(logDone, log, output, context);
    if (timedOut) {
      log.write(
          JobLog.utf8Line("\nfastci: killed after timeout_secs=" + request.job().timeoutSecs()));
    }
    int exitCode = ended.exitCode();
    if (!timedOut && exitCode != 0 && ended.oomKilled()) {
      String memory = limits.memoryOf(request.job());
      String error =
          "killed: out of memory" + (memory == null ? "" : " (memory limit " + memory + ")");
      log.write(JobLog.utf8Line("\nfastci: " + error));
      return JobResults.outOfMemory(exitCode, error, startedAt, System.currentTimeMillis(), hostId);
    }
    return JobResults.exited(exitCode, timedOut, startedAt, System.currentTimeMillis(), hostId);
  }

  private static long deadline(JobRequest request, long startedAt) {
    Double timeout = request.job().timeoutSecs();
    return timeout == null ? Long.MAX_VALUE : startedAt + (long) (timeout * 1000);
  }

  /** Waits up to {@code max} for the future; null when it has not completed by then. */
  private static <T> T await(CompletableFuture<T> future, Duration max) {
    try {
      return future.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException notYet) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkerStopping(e);
    } catch (ExecutionException e) {
      throw new ContainerLost(e.getCause());
    }
  }

  /**
   * Waits for the log stream to drain, heartbeating meanwhile: a big log may take a while to arrive
   * after the container ended, and that is fine as long as it keeps coming. A stream that broke
   * off, or brought nothing for {@link #LOG_DRAIN}, says so in the log itself.
   */
  private static void awaitLogs(
      CompletableFuture<Void> logDone,
      OutputStream log,
      LogProgress output,
      ActivityExecutionContext context)
      throws IOException {
    long exited = System.nanoTime();
    while (true) {
      try {
        logDone.get(HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException stillComing) {
        context.heartbeat(null);
        if (output.quietSince(exited).compareTo(LOG_DRAIN) > 0) {
          logDone.cancel(false);
          log.write(JobLog.utf8Line("\nfastci: the log stream did not end with the container"));
          return;
        }
      } catch (ExecutionException e) {
        log.write(JobLog.utf8Line("\nfastci: the log stream broke off: " + e.getCause()));
        return;
      } catch (InterruptedException e) {
        // The container has exited but its end is not recorded yet: leave it for the next try to
        // re-attach to and read, instead of removing it and running the job again.
        Thread.currentThread().interrupt();
        throw new WorkerStopping(e);
      }
    }
  }
}
