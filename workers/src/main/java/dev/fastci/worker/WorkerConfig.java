package dev.fastci.worker;

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
 */
public record WorkerConfig(
    Path dataDir, String hostId, int maxParallelJobs, Duration pipelineDirRetention) {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  public WorkerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (maxParallelJobs < 1) {
      throw new IllegalArgumentException("maxParallelJobs must be at least 1");
    }
  }

  public WorkerConfig(Path dataDir, String hostId, int maxParallelJobs) {
    this(dataDir, hostId, maxParallelJobs, DEFAULT_RETENTION);
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
