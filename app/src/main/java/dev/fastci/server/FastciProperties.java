package dev.fastci.server;

import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.worker.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The server's {@code fastci.*} settings; each is also an environment variable (FASTCI_...). */
@ConfigurationProperties("fastci")
public record FastciProperties(
    Path dataDir,
    String apiToken,
    String adminPassword,
    String hookSecret,
    Temporal temporal,
    Worker worker,
    Retention retention,
    Limits limits) {

  public FastciProperties {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
    temporal = temporal == null ? new Temporal(null, null, null) : temporal;
    worker = worker == null ? new Worker(true, null, null) : worker;
    retention = retention == null ? new Retention(null) : retention;
    limits = limits == null ? new Limits(null) : limits;
  }

  /**
   * @param target host:port of a Temporal cluster; blank for the embedded one
   * @param webUrl Temporal Web, for links from each run
   */
  public record Temporal(String target, Integer embeddedPort, String webUrl) {}

  public record Worker(Boolean enabled, String hostId, Integer maxParallelJobs) {
    public boolean isEnabled() {
      return enabled == null || enabled;
    }
  }

  public record Retention(Duration pipelineDir) {
    public Retention {
      pipelineDir = pipelineDir == null ? WorkerConfig.DEFAULT_RETENTION : pipelineDir;
    }
  }

  public record Limits(Integer maxJobs) {
    public Limits {
      maxJobs = maxJobs == null ? PipelineSpecParser.DEFAULT_MAX_JOBS : maxJobs;
    }
  }

  public WorkerConfig workerConfig() {
    return new WorkerConfig(
        dataDir,
        worker.hostId() == null || worker.hostId().isBlank()
            ? WorkerConfig.defaultHostId()
            : worker.hostId(),
        worker.maxParallelJobs() == null
            ? WorkerConfig.defaultMaxParallelJobs()
            : worker.maxParallelJobs(),
        retention.pipelineDir());
  }
}
