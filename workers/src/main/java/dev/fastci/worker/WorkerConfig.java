package dev.fastci.worker;

import dev.fastci.cache.CacheLimits;
import dev.fastci.job.JobLimits;
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
 * @param cacheLimits when the job caches under the data dir are evicted
 */
public record WorkerConfig(
    Path dataDir,
    String hostId,
    int maxParallelJobs,
    Duration pipelineDirRetention,
    String store,
    JobLimits jobLimits,
    SecretSource secrets,
    CacheLimits cacheLimits) {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  public WorkerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (maxParallelJobs < 1) {
      throw new IllegalArgumentException("maxParallelJobs must be at least 1");
    }
    jobLimits = jobLimits == null ? JobLimits.DEFAULT : jobLimits;
    secrets = secrets == null ? SecretSource.environment() : secrets;
    cacheLimits = cacheLimits == null ? CacheLimits.DEFAULT : cacheLimits;
  }

  public WorkerConfig(
      Path dataDir,
      String hostId,
      int maxParallelJobs,
      Duration pipelineDirRetention,
      String store) {
    this(dataDir, hostId, maxParallelJobs, pipelineDirRetention, store, null, null, null);
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
        cacheLimits);
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
        cacheLimits);
  }

  public WorkerConfig withCacheLimits(CacheLimits limits) {
    return new WorkerConfig(
        dataDir, hostId, maxParallelJobs, pipelineDirRetention, store, jobLimits, secrets, limits);
  }

  public static int defaultMaxParallelJobs() {
    return 2 * Runtime.getRuntime().availableProcessors();
  }

  public static String defaultHostId() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
