package dev.fastci.job;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerRemovals;
import dev.fastci.cache.CacheLimits;
import dev.fastci.contract.JobActivities;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.ArtifactShipper;
import dev.fastci.logs.JobLog;
import dev.fastci.logs.LogFiles;
import dev.fastci.logs.LogShipper;
import dev.fastci.metrics.WorkerMeters;
import dev.fastci.secrets.SecretSource;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Runs one job attempt's container on the backend: create (or re-attach), start, stream the log to
 * its file, heartbeat while it runs, enforce the timeout, and always remove it ({@link
 * JobAttempt}). A try that already ran to its end answers with its recorded result instead; a job
 * with {@code retry} runs its tries through Temporal's retries of this activity ({@link JobTries}).
 */
public class JobActivitiesImpl implements JobActivities {
  private final LogFiles logs;
  private final JobResultFiles results = new JobResultFiles();
  private final JobAttempt attempt;
  private LogShipper shipper;
  private ArtifactShipper artifactShipper;
  private TrySignals signals = new TrySignals(null);

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
   *     dev.fastci.backend.Labels#STORE}); null for none
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
    this.logs = logs;
    JobCaching caching = new JobCaching(backend, logs, cacheLimits);
    JobEnds ends = new JobEnds(results, caching, hostId);
    this.attempt =
        new JobAttempt(
            new JobPreparation(secrets, caching, ends),
            new JobExecution(backend, hostId, store, limits),
            new JobFinish(
                results,
                removals,
                caching,
                new JobArtifacts(
                    new ArtifactDirs(logs.dataDir()), limits.maxArtifactBytes(), backend)),
            ends,
            caching,
            backend,
            removals);
  }

  /** Sends every job log to the FastCI server as it grows (a worker on another host). */
  public JobActivitiesImpl sendingLogsWith(LogShipper shipper) {
    this.shipper = shipper;
    this.artifactShipper = shipper == null ? null : new ArtifactShipper(shipper.server());
    return this;
  }

  /** Tells each run's workflow through this client when a try ended and another follows. */
  public JobActivitiesImpl signallingTriesWith(WorkflowClient client) {
    this.signals = new TrySignals(client);
    return this;
  }

  @Override
  public JobResult runJob(JobRequest request) {
    return new JobTries(logs, results, signals).run(request, this::runTry);
  }

  private JobResult runTry(JobRequest request, JobLog log) {
    WorkerMeters.jobStarted();
    try {
      if (shipper == null) {
        return attempt.run(request, log);
      }
      try (LogShipper.Shipment shipment =
          shipper.follow(
              request.runId(),
              request.job().name(),
              request.attempt(),
              request.tryNumber(),
              log.path())) {
        JobResult result = attempt.run(request, log);
        sendArtifacts(request, log);
        shipment.finish(); // the server has the whole log before the try counts as ended
        return result;
      }
    } finally {
      WorkerMeters.jobEnded();
      countLogBytes(log);
    }
  }

  private static void countLogBytes(JobLog log) {
    try {
      if (Files.exists(log.path())) {
        WorkerMeters.logBytes(Files.size(log.path()));
      }
    } catch (IOException unreadable) {
      // not counted
    }
  }

  /** The files the attempt kept go to the server too; its log says when they could not. */
  private void sendArtifacts(JobRequest request, JobLog log) {
    if (request.job().artifacts().isEmpty()) {
      return;
    }
    String job = request.job().name();
    try {
      artifactShipper.send(
          request.runId(),
          job,
          request.attempt(),
          new ArtifactDirs(logs.dataDir()).attemptDir(request.runId(), job, request.attempt()));
    } catch (IOException e) {
      log.append(List.of("fastci: artifacts: not sent to the server: " + e.getMessage()));
    }
  }
}
