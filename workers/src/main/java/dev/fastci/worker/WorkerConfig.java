package dev.fastci.worker;

import dev.fastci.cache.CacheLimits;
import dev.fastci.job.JobLimits;
import dev.fastci.logs.LogServer;
import dev.fastci.secrets.SecretSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker's settings.
 *
 * @param dataDir logs and pipeline dirs live under it
 * @param hostId names this worker host; its task queue is derived from it
 * @param maxParallelJobs jobs beyond this many wait in the host's queue
 * @param pipelineDirRetention how long a finished run's pipeline dir is kept for retries
 * @param store names the run store that owns the runs this worker executes (a server's data dir),
 *     put on every container as {@code dev.fastci.store} so that server's janitor can tell its
 *     orphans apart; null when no store owns them (the command line, a standalone worker)
 * @param jobLimits the log size limit, and the memory and CPU limits of jobs that set none
 * @param secrets where job secrets are read (by default the FASTCI_SECRET_* environment variables)
 * @param logServer the FastCI server this worker sends its job logs to; null when the server reads
 *     them from this worker's data dir (its own worker)
 * @param cacheLimits when the job caches under the data dir are evicted
 * @param backend what runs the job containers: Docker, or the dummy backend
 * @param pipelineDirMaxBytes the finished runs' pipeline dirs kept for retries together stay within
 *     this, the oldest removed first; 0 for no budget
 */
public record WorkerConfig(
    Path dataDir,
    String hostId,
    int maxParallelJobs,
    Duration pipelineDirRetention,
    String store,
    JobLimits jobLimits,
    SecretSource secrets,
    LogServer logServer,
    CacheLimits cacheLimits,
    BackendKind backend,
    long pipelineDirMaxBytes) {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  public WorkerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (hostId == null || !hostId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException(
          "fastci.worker.host-id: must be 1 to 100 of A-Z a-z 0-9 . _ - (starting with a letter"
              + " or digit), got '"
              + hostId
              + "'");
    }
    if (maxParallelJobs < 1) {
      throw new IllegalArgumentException(
          "fastci.worker.max-parallel-jobs: must be at least 1, got " + maxParallelJobs);
    }
    jobLimits = jobLimits == null ? JobLimits.DEFAULT : jobLimits;
    secrets = secrets == null ? SecretSource.environment() : secrets;
    cacheLimits = cacheLimits == null ? CacheLimits.DEFAULT : cacheLimits;
    backend = backend == null ? BackendKind.DOCKER : backend;
    if (pipelineDirMaxBytes < 0) {
      throw new IllegalArgumentException(
          "fastci.retention.pipeline-dir-max-size: must be 0 (no budget) or more");
    }
  }

  /** Settings with jobs on Docker. */
  public WorkerConfig(
      Path dataDir,
      String hostId,
      int maxParallelJobs,
      Duration pipelineDirRetention,
      String store,
      JobLimits jobLimits,
      SecretSource secrets,
      LogServer logServer,
      CacheLimits cacheLimits) {
    this(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        secrets,
        logServer,
        cacheLimits,
        null,
        0);
  }

  public WorkerConfig(
      Path dataDir,
      String hostId,
      int maxParallelJobs,
      Duration pipelineDirRetention,
      String store) {
    this(dataDir, hostId, maxParallelJobs, pipelineDirRetention, store, null, null, null, null);
  }

  public WorkerConfig(
      Path dataDir, String hostId, int maxParallelJobs, Duration pipelineDirRetention) {
    this(dataDir, hostId, maxParallelJobs, pipelineDirRetention, null);
  }

  public WorkerConfig(Path dataDir, String hostId, int maxParallelJobs) {
    this(dataDir, hostId, maxParallelJobs, DEFAULT_RETENTION);
  }

  public WorkerConfig withJobLimits(JobLimits limits) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        limits,
        secrets,
        logServer,
        cacheLimits,
        backend,
        pipelineDirMaxBytes);
  }

  public WorkerConfig withSecrets(SecretSource source) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        source,
        logServer,
        cacheLimits,
        backend,
        pipelineDirMaxBytes);
  }

  public WorkerConfig withLogServer(LogServer server) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        secrets,
        server,
        cacheLimits,
        backend,
        pipelineDirMaxBytes);
  }

  public WorkerConfig withCacheLimits(CacheLimits limits) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        secrets,
        logServer,
        limits,
        backend,
        pipelineDirMaxBytes);
  }

  public WorkerConfig withBackend(BackendKind kind) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        secrets,
        logServer,
        cacheLimits,
        kind,
        pipelineDirMaxBytes);
  }

  public WorkerConfig withPipelineDirMaxBytes(long maxBytes) {
    return new WorkerConfig(
        dataDir,
        hostId,
        maxParallelJobs,
        pipelineDirRetention,
        store,
        jobLimits,
        secrets,
        logServer,
        cacheLimits,
        backend,
        maxBytes);
  }

  public static int defaultMaxParallelJobs() {
    return 2 * Runtime.getRuntime().availableProcessors();
  }

  public static String defaultHostId() {
    try {
      String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
      name = name.length() > 100 ? name.substring(0, 100) : name;
      return name.matches("[A-Za-z0-9].*") ? name : "localhost";
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
