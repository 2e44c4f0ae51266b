package dev.fastci.job;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerRemovals;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.cache.CacheLimits;
import dev.fastci.cache.KeyedCaches;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.LogFiles;
import dev.fastci.logs.LogShipper;
import dev.fastci.logs.TruncatingOutputStream;
import dev.fastci.secrets.SecretMaskingOutputStream;
import dev.fastci.secrets.SecretSource;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job's container: create (or re-attach), start, stream the log to its file, heartbeat
 * while it runs, enforce the timeout, and always remove it.
 */
public class JobActivitiesImpl implements JobActivities {
  /** How often the activity heartbeats; a cancel reaches the container within about this. */
  static final Duration HEARTBEAT_EVERY = Duration.ofMillis(500);

  /** How long the log stream may lag behind the container's exit before we stop waiting. */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(JobActivitiesImpl.class);

  private final Backend backend;
  private final LogFiles logs;
  private final String hostId;
  private final JobResultFiles results;
  private final String store;
  private final JobLimits limits;
  private final SecretSource secrets;
  private final ContainerRemovals removals;
  private final JobCaching caching;
  private LogShipper shipper;

  public JobActivitiesImpl(Backend backend, LogFiles logs, String hostId) {
    this(backend, logs, hostId, null);
  }

  public JobActivitiesImpl(Backend backend, LogFiles logs, String hostId, String store) {
    this(
        backend,
        logs,
        hostId,
        store,
        JobLimits.DEFAULT,
        SecretSource.environment(),
        null,
        CacheLimits.DEFAULT);
  }

  /**
   * @param store labels every container with the run store that owns its run (see {@link
   *     JobContainers#LABEL_STORE}); null for none
   * @param limits the log size limit, and the resource limits of jobs that set none
   * @param secrets where the values of the jobs' secrets are read, when their containers are made
   * @param removals removes the containers of jobs that ended normally in the background; null to
   *     remove every container before the activity ends
   * @param cacheLimits when the caches under the data dir are evicted
   */
  public JobActivitiesImpl(
      Backend backend,
      LogFiles logs,
      String hostId,
      String store,
      JobLimits limits,
      SecretSource secrets,
      ContainerRemovals removals,
      CacheLimits cacheLimits) {
    this.backend = backend;
    this.logs = logs;
    this.hostId = hostId;
    this.results = new JobResultFiles(logs);
    this.store = store;
    this.limits = limits;
    this.secrets = secrets;
    this.removals = removals;
    this.caching = new JobCaching(backend, logs, cacheLimits);
  }

  /** The worker interrupts its activity threads when it stops now. */
  private static final class WorkerStopping extends RuntimeException {
    WorkerStopping(InterruptedException cause) {
      super("the worker is stopping", cause);
    }
  }

  /** Sends every job log to the FastCI server as it grows (a worker on another host). */
  public JobActivitiesImpl sendingLogsWith(LogShipper shipper) {
    this.shipper = shipper;
    return this;
  }

  @Override
  public JobResult runJob(JobRequest request) {
    Optional<JobResult> earlier = results.read(request);
    if (earlier.isPresent()) {
      return earlier.get(); // this attempt already ran to its end: never run it twice
    }
    if (shipper == null) {
      return run(request);
    }
    Path logFile = logs.jobLog(request.runId(), request.job().name(), request.attempt());
    try (LogShipper.Shipment shipment =
        shipper.follow(request.runId(), request.job().name(), request.attempt(), logFile)) {
      JobResult result = run(request);
      shipment.finish(); // the server has the whole log before the job counts as ended
      return result;
    }
  }

  private JobResult run(JobRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    long startedAt = System.currentTimeMillis();
    Map<String, String> secretValues = new LinkedHashMap<>();
    for (String name : request.job().allSecrets()) {
      String value = secrets.value(name);
      if (value == null) {
        String missing =
            "secret " + name + " is not set on the worker (" + SecretSource.variable(name) + ")";
        return couldNotStart(request, new JobStartException(missing, null), startedAt);
      }
      secretValues.put(name, value);
    }
    List<String> preamble = new ArrayList<>();
    String key;
    try {
      key = caching.key(request, preamble);
    } catch (JobStartException e) {
      return couldNotStart(request, e, startedAt);
    }
    if (caching.replay(request, key)) {
      return replayed(request, key, startedAt);
    }
    List<KeyedCaches.Mount> mounts = caching.restoreCaches(request, preamble);
    List<String> cacheBinds = mounts.stream().map(KeyedCaches.Mount::bind).toList();
    JobContainer container;
    try {
      ContainerSpec spec =
          JobContainers.specFor(request, hostId, store, limits, secretValues, cacheBinds);
      container = backend.createOrFind(backend.setUpRun(request.runId()), spec);
    } catch (JobStartException e) {
      caching.release(mounts);
      return couldNotStart(request, e, startedAt);
    }
    boolean keepContainer = false;
    boolean workerGoingAway = false;
    try {
      backend.start(container);
      JobResult result =
          notExecutable(
              request,
              followToEnd(request, container, context, startedAt, secretValues.values(), preamble));
      results.write(request, result); // before the container goes: the result is never lost
      if (removals != null && result.outcome() != JobOutcome.TIMED_OUT) {
        removals.removeLater(request.runId(), container); // the run waits for it at its end
        keepContainer = true;
      }
      if (result.outcome() == JobOutcome.SUCCEEDED) {
        List<String> saved = new ArrayList<>();
        caching.succeeded(request, key, mounts, saved);
        appendLogLines(request, saved);
      }
      return result;
    } catch (JobStartException e) {
      return couldNotStart(request, e, startedAt);
    } catch (ContainerLost e) {
      JobResult result =
          JobResult.couldNotStart(e.getMessage(), startedAt, System.currentTimeMillis(), hostId);
      results.write(request, result);
      return result;
    } catch (ActivityCanceledException cancelled) {
      backend.kill(container);
      throw cancelled;
    } catch (ActivityCompletionException | WorkerStopping workerGoingAwayNow) {
      // The worker shuts down or lost the activity: leave the container running, so the next
      // attempt of this activity re-attaches to it instead of starting the job twice.
      keepContainer = true;
      workerGoingAway = true;
      throw workerGoingAwayNow;
    } finally {
      if (!keepContainer) {
        removeNow(request, container);
      }
      if (!workerGoingAway) {
        caching.release(mounts);
      }
    }
  }

  /**
   * Removes the container now. When the engine does not answer (it restarts), the job's outcome
   * stands and the removal is left to the run's cleanup, which sweeps the run's containers by label
   * and tries again until the engine answers.
   */
  private void removeNow(JobRequest request, JobContainer container) {
    try {
      backend.remove(container);
    } catch (RuntimeException engineDown) {
      if (removals == null) {
        throw engineDown;
      }
      log.warn(
          "run {} job {}: could not remove container {} ({}); the run's cleanup removes it",
          request.runId(),
          request.job().name(),
          container.name(),
          engineDown.toString());
    }
  }

  /**
   * A container whose program the kernel could not execute never ran the job: ERROR, not FAILED.
   */
  private JobResult notExecutable(JobRequest request, JobResult result) {
    if (result.outcome() != JobOutcome.FAILED) {
      return result;
    }
    Path logFile = logs.jobLog(request.runId(), request.job().name(), request.attempt());
    return ExecFormatErrors.explain(logFile, request.job().platform())
        .map(
            why -> {
              appendLogLines(request, List.of("fastci: " + why));
              return JobResult.couldNotStart(why, result.startedAt(), result.finishedAt(), hostId);
            })
        .orElse(result);
  }

  /** A memoized job with an unchanged key: its recorded log and outputs are back, nothing ran. */
  private JobResult replayed(JobRequest request, String key, long startedAt) {
    appendLogLines(
        request,
        List.of(
            "fastci: memoized: not run; log and outputs restored (key "
                + key.substring(0, 12)
                + ")"));
    caching.passKeyOn(request, key);
    JobResult result = JobResult.memoized(startedAt, System.currentTimeMillis(), hostId);
    results.write(request, result);
    return result;
  }

  private JobResult couldNotStart(JobRequest request, JobStartException e, long startedAt) {
    writeLogLine(request, "fastci: " + e.getMessage());
    JobResult result =
        JobResult.couldNotStart(e.getMessage(), startedAt, System.currentTimeMillis(), hostId);
    results.write(request, result);
    return result;
  }

  private JobResult followToEnd(
      JobRequest request,
      JobContainer container,
      ActivityExecutionContext context,
      long startedAt,
      Collection<String> secretValues,
      List<String> preamble) {
    Path logFile = logs.jobLog(request.runId(), request.job().name(), request.attempt());
    try (OutputStream log =
        new SecretMaskingOutputStream(
            new TruncatingOutputStream(openFresh(logFile), limits.maxLogBytes()), secretValues)) {
      for (String line : preamble) {
        log.write((line + "\n").getBytes());
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
            ("\nfastci: killed after timeout_secs=" + request.job().timeoutSecs() + "\n")
                .getBytes());
      }
      int exitCode = ended.exitCode();
      if (!timedOut && exitCode != 0 && ended.oomKilled()) {
        String memory = limits.memoryOf(request.job());
        String error =
            "killed: out of memory" + (memory == null ? "" : " (memory limit " + memory + ")");
        log.write(("\nfastci: " + error + "\n").getBytes());
        return JobResult.outOfMemory(
            exitCode, error, startedAt, System.currentTimeMillis(), hostId);
      }
      return JobResult.exited(exitCode, timedOut, startedAt, System.currentTimeMillis(), hostId);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + logFile, e);
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

  /**
   * The container went away under the job (the Docker engine restarted, or someone removed it). The
   * job ends in ERROR rather than being retried: a retry would run its command a second time.
   */
  private static final class ContainerLost extends RuntimeException {
    ContainerLost(Throwable cause) {
      super(
          "lost the job's container ("
              + cause.getMessage()
              + "); did the Docker engine restart? Retry the job to run it again",
          cause);
    }
  }

  /** Waits for the log stream to drain; a stream that broke off says so in the log itself. */
  private static void awaitLogs(CompletableFuture<Void> logDone, OutputStream log)
      throws IOException {
    try {
      logDone.get(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.write("\nfastci: the log stream did not end with the container\n".getBytes());
    } catch (ExecutionException e) {
      log.write(("\nfastci: the log stream broke off: " + e.getCause() + "\n").getBytes());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the log", e);
    }
  }

  /** A re-attached attempt rewrites the log from the container's start: no duplicate lines. */
  private static OutputStream openFresh(Path logFile) throws IOException {
    Files.createDirectories(logFile.getParent());
    return Files.newOutputStream(logFile);
  }

  private void appendLogLines(JobRequest request, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    Path logFile = logs.jobLog(request.runId(), request.job().name(), request.attempt());
    try {
      Files.createDirectories(logFile.getParent());
      Files.write(logFile, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + logFile, e);
    }
  }

  private void writeLogLine(JobRequest request, String line) {
    Path logFile = logs.jobLog(request.runId(), request.job().name(), request.attempt());
    try (OutputStream log = openFresh(logFile)) {
      log.write((line + "\n").getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + logFile, e);
    }
  }
}
