package dev.fastci.cli;

import dev.fastci.job.JobLimits;
import dev.fastci.logs.LogServer;
import dev.fastci.spec.DockerSockets;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.worker.BackendKind;
import dev.fastci.worker.WorkerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line's settings, each read from a system property or its environment variable, the
 * same names the server uses.
 *
 * @param allowedRoots {@code fastci.volumes.allowed-roots}, or null when it is not set: then a run
 *     on this machine may mount any host path but the Docker socket and {@code /}
 * @param dockerSockets the Docker sockets no job may mount
 * @param jobLimits {@code fastci.limits.max-log-bytes}, {@code default-memory} and {@code
 *     default-cpus} (FASTCI_LIMITS_...), which this process's worker applies to every job
 * @param logServer {@code fastci.worker.server-url} with {@code fastci.api-token}: the server a
 *     standalone worker sends its job logs to; null when no server URL is set
 * @param backend {@code fastci.backend} (FASTCI_BACKEND): docker, or dummy for jobs that run
 *     nowhere
 */
record CliSettings(
    Path dataDir,
    String temporalTarget,
    String hostId,
    int maxParallelJobs,
    List<String> allowedRoots,
    List<Path> dockerSockets,
    JobLimits jobLimits,
    LogServer logServer,
    BackendKind backend) {

  static CliSettings fromEnvironment() {
    return from(System.getenv());
  }

  static CliSettings from(Map<String, String> env) {
    String dataDir = setting(env, "fastci.data-dir", "FASTCI_DATA_DIR", "data");
    String target = setting(env, "fastci.temporal.target", "FASTCI_TEMPORAL_TARGET", "");
    String host =
        setting(
            env, "fastci.worker.host-id", "FASTCI_WORKER_HOST_ID", WorkerConfig.defaultHostId());
    String parallel =
        setting(
            env,
            "fastci.worker.max-parallel-jobs",
            "FASTCI_WORKER_MAX_PARALLEL_JOBS",
            Integer.toString(WorkerConfig.defaultMaxParallelJobs()));
    String roots =
        setting(env, HostPathPolicy.ALLOWED_ROOTS_SETTING, "FASTCI_VOLUMES_ALLOWED_ROOTS", "");
    List<String> allowedRoots =
        roots.isBlank()
            ? null
            : Arrays.stream(roots.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
    return new CliSettings(
        Path.of(dataDir),
        target,
        host,
        Integer.parseInt(parallel),
        allowedRoots,
        DockerSockets.fromEnv(env),
        jobLimits(env),
        logServer(env),
        BackendKind.parse(setting(env, "fastci.backend", "FASTCI_BACKEND", "")));
  }

  private static LogServer logServer(Map<String, String> env) {
    String url = setting(env, "fastci.worker.server-url", "FASTCI_WORKER_SERVER_URL", "");
    if (url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "fastci.worker.server-url: not a URL: " + e.getMessage(), e);
    }
    return new LogServer(uri, setting(env, "fastci.api-token", "FASTCI_API_TOKEN", ""));
  }

  private static JobLimits jobLimits(Map<String, String> env) {
    String maxLog =
        setting(
            env,
            "fastci.limits.max-log-bytes",
            "FASTCI_LIMITS_MAX_LOG_BYTES",
            Long.toString(JobLimits.DEFAULT_MAX_LOG_BYTES));
    String memory =
        setting(env, "fastci.limits.default-memory", "FASTCI_LIMITS_DEFAULT_MEMORY", "");
    String cpus = setting(env, "fastci.limits.default-cpus", "FASTCI_LIMITS_DEFAULT_CPUS", "");
    return new JobLimits(
        Long.parseLong(maxLog.strip()),
        memory.isBlank() ? null : memory,
        cpus.isBlank() ? null : Double.valueOf(cpus.strip()));
  }

  WorkerConfig workerConfig() {
    // the same host paths as at submit, judged again as each job's container is made
    return new WorkerConfig(dataDir, hostId, maxParallelJobs)
        .withJobLimits(jobLimits.withMounts(hostPathPolicy()))
        .withBackend(backend);
  }

  /**
   * The worker of {@code fastci run}: unless a host id was set, one of its own ({@code
   * <hostname>-run-<pid>}), so that it neither collides with a server or worker on this machine
   * (whose warm network holders it would remove) nor with another {@code fastci run}.
   */
  WorkerConfig runWorkerConfig() {
    WorkerConfig config = workerConfig();
    if (!hostId.equals(WorkerConfig.defaultHostId())) {
      return config;
    }
    String own = hostId + "-run-" + ProcessHandle.current().pid();
    return new WorkerConfig(
            dataDir, own.length() > 100 ? own.substring(own.length() - 100) : own, maxParallelJobs)
        .withJobLimits(jobLimits.withMounts(hostPathPolicy()))
        .withBackend(backend);
  }

  /**
   * Which host paths a run on this machine may mount.
   *
   * @throws IllegalArgumentException when an allowed root is not an absolute path
   */
  HostPathPolicy hostPathPolicy() {
    return allowedRoots == null
        ? HostPathPolicy.anyHostPath(dockerSockets)
        : HostPathPolicy.underRoots(allowedRoots, dockerSockets);
  }

  /** The system property, else the environment variable, else the default. */
  static String setting(Map<String, String> env, String property, String var, String def) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = env.get(var);
    }
    return value == null || value.isBlank() ? def : value;
  }
}
