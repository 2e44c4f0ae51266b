package dev.fastci.cli;

import dev.fastci.worker.WorkerConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line's settings, each read from a system property or its environment variable, the
 * same names the server uses.
 */
record CliSettings(Path dataDir, String temporalTarget, String hostId, int maxParallelJobs) {

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
    return new CliSettings(Path.of(dataDir), target, host, Integer.parseInt(parallel));
  }

  WorkerConfig workerConfig() {
    return new WorkerConfig(dataDir, hostId, maxParallelJobs);
  }

  private static String setting(Map<String, String> env, String property, String var, String def) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = env.get(var);
    }
    return value == null || value.isBlank() ? def : value;
  }
}
