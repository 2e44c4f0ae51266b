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
 * Follows a started container to its end: streams its output into the log (capped, secrets masked),
 * heartbeats while it runs, kills it at the job's timeout, and says why it ended.
 */
final class ContainerFollow {
  /** How often the activity heartbeats; a cancel reaches the container within about this. */
  static final Duration HEARTBEAT_EVERY = Duration.ofMillis(500);

  /** How long the log stream may lag behind the container's exit before we stop waiting. */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

  private final Backend backend;
  private final JobLimits limits;
  private final String hostId;

  ContainerFollow(Backend backend, JobLimits limits, String hostId) {
    this.backend = backend;
    this.limits = limits;
    this.hostId = hostId;
  }

  /**
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
            new TruncatingOutputStream(jobLog.openFresh(), limits.maxLogBytes()), secretValues)) {
      for (String line : preamble) {
        log.write(JobLog.utf8Line(line));
      }
      CompletableFuture<Void> logDone = backend.followLogs(container, log);
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
      awaitLogs(logDone, log);
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
        return JobResults.outOfMemory(
            exitCode, error, startedAt, System.currentTimeMillis(), hostId);
      }
      return JobResults.exited(exitCode, timedOut, startedAt, System.currentTimeMillis(), hostId);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + jobLog.path(), e);
    }
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

  /** Waits for the log stream to drain; a stream that broke off says so in the log itself. */
  private static void awaitLogs(CompletableFuture<Void> logDone, OutputStream log)
      throws IOException {
    try {
      logDone.get(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.write(JobLog.utf8Line("\nfastci: the log stream did not end with the container"));
    } catch (ExecutionException e) {
      log.write(JobLog.utf8Line("\nfastci: the log stream broke off: " + e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the log", e);
    }
  }
}
