package dev.fastci.job;

import dev.fastci.spec.DockerSockets;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.MemorySize;

/**
 * What a worker applies to every job it runs.
 *
 * @param maxLogBytes a job's log is cut there, with a visible marker; the job goes on
 * @param defaultMemory the memory limit (Docker notation, e.g. {@code 512m}) of a job that sets
 *     none; null for no limit
 * @param defaultCpus the CPU limit of a job that sets none; null for no limit
 * @param mounts which host paths a job's container may mount, judged again as it is made
 * @param maxArtifactBytes the most bytes of files a job attempt keeps ({@code artifacts}); the log
 *     names the files beyond it
 */
public record JobLimits(
    long maxLogBytes,
    String defaultMemory,
    Double defaultCpus,
    HostPathPolicy mounts,
    long maxArtifactBytes) {
  public static final long DEFAULT_MAX_LOG_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_ARTIFACT_BYTES = 1024L * 1024 * 1024;
  public static final JobLimits DEFAULT = new JobLimits(DEFAULT_MAX_LOG_BYTES, null, null);

  /**
   * Any host path but the Docker socket and {@code /}, as on the command line, and the default
   * artifact size limit (1 GiB).
   */
  public JobLimits(long maxLogBytes, String defaultMemory, Double defaultCpus) {
    this(maxLogBytes, defaultMemory, defaultCpus, DEFAULT_MAX_ARTIFACT_BYTES);
  }

  /** Any host path but the Docker socket and {@code /}, as on the command line. */
  public JobLimits(
      long maxLogBytes, String defaultMemory, Double defaultCpus, long maxArtifactBytes) {
    this(
        maxLogBytes,
        defaultMemory,
        defaultCpus,
        HostPathPolicy.anyHostPath(DockerSockets.DEFAULTS),
        maxArtifactBytes);
  }

  /** The default artifact size limit (1 GiB). */
  public JobLimits(
      long maxLogBytes, String defaultMemory, Double defaultCpus, HostPathPolicy mounts) {
    this(maxLogBytes, defaultMemory, defaultCpus, mounts, DEFAULT_MAX_ARTIFACT_BYTES);
  }

  public JobLimits {
    if (mounts == null) {
      throw new IllegalArgumentException("mounts: a host path policy is needed");
    }
    if (maxLogBytes < 1) {
      throw new IllegalArgumentException("maxLogBytes must be at least 1, got " + maxLogBytes);
    }
    if (maxArtifactBytes < 0) {
      throw new IllegalArgumentException(
          "fastci.limits.max-artifact-bytes must be 0 or more, got " + maxArtifactBytes);
    }
    defaultMemory = defaultMemory == null || defaultMemory.isBlank() ? null : defaultMemory.strip();
    if (defaultMemory != null) {
      try {
        MemorySize.parse(defaultMemory);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "default memory " + defaultMemory + " " + e.getMessage());
      }
    }
    if (defaultCpus != null && !(defaultCpus > 0 && Double.isFinite(defaultCpus))) {
      throw new IllegalArgumentException("default cpus must be a number > 0, got " + defaultCpus);
    }
  }

  /** The same limits, with the worker's own host path policy (its allowed roots). */
  public JobLimits withMounts(HostPathPolicy policy) {
    return new JobLimits(maxLogBytes, defaultMemory, defaultCpus, policy, maxArtifactBytes);
  }

  /** The job's memory limit in Docker notation, or null for none. */
  public String memoryOf(JobSpec job) {
    return job.memory() != null ? job.memory() : defaultMemory;
  }

  /** The job's CPU limit, or null for none. */
  public Double cpusOf(JobSpec job) {
    return job.cpus() != null ? job.cpus() : defaultCpus;
  }
}
