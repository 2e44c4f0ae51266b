package dev.fastci.server;

import dev.fastci.cache.CacheLimits;
import dev.fastci.contract.PipelineRun;
import dev.fastci.job.JobLimits;
import dev.fastci.spec.DockerSockets;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.MemorySize;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.worker.BackendKind;
import dev.fastci.worker.EngineSettings;
import dev.fastci.worker.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The server's {@code fastci.*} settings; each is also an environment variable (FASTCI_...).
 *
 * @param backend what the server's worker runs jobs on: {@code docker} (the default) or {@code
 *     dummy}, which needs no engine (each job's DUMMY_* environment says what it does)
 * @param publicUrl where users and forges reach this server ({@code https://ci.example.com}): the
 *     commit statuses link to run pages under it and the webhook URLs are shown with it; required
 *     once a repository is registered with a forge
 */
@ConfigurationProperties("fastci")
public record FastciProperties(
    Path dataDir,
    String apiToken,
    String adminPassword,
    String hookSecret,
    Temporal temporal,
    Worker worker,
    Retention retention,
    Limits limits,
    Volumes volumes,
    Git git,
    Janitor janitor,
    Runs runs,
    Cache cache,
    BackendKind backend,
    Metrics metrics,
    String publicUrl,
    @org.springframework.boot.context.properties.bind.Name("notify") Notify notifications,
    Badges badges) {

  public FastciProperties {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
    temporal = temporal == null ? new Temporal(null, null, null, null) : temporal;
    worker = worker == null ? new Worker(true, null, null, null) : worker;
    retention = retention == null ? new Retention(null, null, null, null) : retention;
    limits = limits == null ? new Limits(null, null, null, null, null, null, null, null) : limits;
    volumes = volumes == null ? new Volumes(null) : volumes;
    git = git == null ? new Git(null) : git;
    janitor = janitor == null ? new Janitor(null) : janitor;
    runs = runs == null ? new Runs(null) : runs;
    cache = cache == null ? new Cache(null, null) : cache;
    backend = backend == null ? BackendKind.DOCKER : backend;
    metrics = metrics == null ? new Metrics(null) : metrics;
    publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip();
    notifications = notifications == null ? new Notify(null) : notifications;
    badges = badges == null ? new Badges(null) : badges;
  }

  /**
   * @param allowedHosts the hosts a pipeline's {@code notify} webhooks may name; empty for any
   */
  public record Notify(java.util.List<String> allowedHosts) {
    public Notify {
      allowedHosts =
          allowedHosts == null
              ? java.util.List.of()
              : allowedHosts.stream()
                  .map(String::strip)
                  .filter(h -> !h.isEmpty())
                  .map(h -> h.toLowerCase(java.util.Locale.ROOT))
                  .toList();
    }
  }

  /**
   * @param isPublic whether {@code /badge/{pipeline}.svg} answers without a login (the default)
   */
  public record Badges(
      @org.springframework.boot.context.properties.bind.Name("public") Boolean isPublic) {
    public boolean open() {
      return isPublic == null || isPublic;
    }
  }

  /**
   * @param open {@code fastci.metrics.public}: true serves /actuator/prometheus without the API
   *     token (for a scraper on a trusted network)
   */
  public record Metrics(@Name("public") Boolean open) {
    public boolean isPublic() {
      return open != null && open;
    }
  }

  /**
   * @param target host:port of a Temporal cluster; blank for the embedded one
   * @param webUrl Temporal Web, for links from each run
   * @param embedded how the embedded Temporal is kept bounded
   */
  public record Temporal(String target, Integer embeddedPort, String webUrl, Embedded embedded) {
    public Temporal {
      embedded = embedded == null ? new Embedded(null) : embedded;
    }
  }

  /**
   * @param recycleAfter the embedded Temporal is replaced by a fresh one after this many executions
   *     (runs, retries, resumes); 0 never
   */
  public record Embedded(Integer recycleAfter) {
    public Embedded {
      recycleAfter = recycleAfter == null ? EngineSettings.DEFAULT_RECYCLE_AFTER : recycleAfter;
    }
  }

  /**
   * @param hostLostAfter a job that its run's host does not pick up for this long makes the run
   *     check the host, and move to another host when it does not answer
   */
  public record Worker(
      Boolean enabled, String hostId, Integer maxParallelJobs, Duration hostLostAfter) {
    public Worker {
      hostLostAfter = hostLostAfter == null ? PipelineRun.DEFAULT_HOST_LOST_AFTER : hostLostAfter;
      if (hostLostAfter.isNegative() || hostLostAfter.isZero()) {
        throw new IllegalArgumentException(
            "fastci.worker.host-lost-after: must be more than 0, got " + hostLostAfter);
      }
    }

    public boolean isEnabled() {
      return enabled == null || enabled;
    }
  }

  /**
   * @param pipelineDir how long a finished run's pipeline dir is kept for retries
   * @param pipelineDirMaxSize all kept pipeline dirs together, in Docker notation (10g); the oldest
   *     go first beyond it; 0 for no budget
   * @param artifacts how long a finished run's artifacts are kept
   * @param audit how long audit log entries are kept
   */
  public record Retention(
      Duration pipelineDir, String pipelineDirMaxSize, Duration artifacts, Duration audit) {
    public Retention {
      pipelineDir = pipelineDir == null ? WorkerConfig.DEFAULT_RETENTION : pipelineDir;
      pipelineDirMaxSize =
          pipelineDirMaxSize == null || pipelineDirMaxSize.isBlank()
              ? "10g"
              : pipelineDirMaxSize.strip();
      artifacts = artifacts == null ? Duration.ofDays(30) : artifacts;
      audit = audit == null ? Duration.ofDays(365) : audit;
    }

    public long pipelineDirMaxBytes() {
      if (pipelineDirMaxSize.equals("0")) {
        return 0;
      }
      try {
        return MemorySize.parse(pipelineDirMaxSize);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "fastci.retention.pipeline-dir-max-size " + pipelineDirMaxSize + ": " + e.getMessage());
      }
    }
  }

  /**
   * @param maxBodyBytes the largest request body the API takes
   * @param maxLogBytes a job log is cut there, with a visible marker; the job goes on
   * @param maxMemory the most a job may ask for with {@code memory} (Docker notation: 512m, 2g)
   * @param maxCpus the most a job may ask for with {@code cpus}
   * @param defaultMemory a job's memory limit when it sets none; null for none
   * @param defaultCpus a job's CPU limit when it sets none; null for none
   */
  public record Limits(
      Integer maxJobs,
      Long maxBodyBytes,
      Long maxLogBytes,
      String maxMemory,
      Double maxCpus,
      String defaultMemory,
      Double defaultCpus,
      Long maxArtifactBytes) {
    public Limits {
      maxArtifactBytes =
          maxArtifactBytes == null ? JobLimits.DEFAULT_MAX_ARTIFACT_BYTES : maxArtifactBytes;
      maxJobs = maxJobs == null ? PipelineSpecParser.DEFAULT_MAX_JOBS : maxJobs;
      maxBodyBytes = maxBodyBytes == null ? 1024L * 1024 : maxBodyBytes;
      maxLogBytes = maxLogBytes == null ? 64L * 1024 * 1024 : maxLogBytes;
      maxMemory = maxMemory == null ? "4g" : maxMemory;
      maxCpus = maxCpus == null ? (double) Runtime.getRuntime().availableProcessors() : maxCpus;
    }
  }

  /**
   * @param allowedRoots host paths under which volumes and bind_workdir_from_host may lie
   */
  public record Volumes(java.util.List<String> allowedRoots) {
    public Volumes {
      allowedRoots =
          allowedRoots == null ? java.util.List.of() : java.util.List.copyOf(allowedRoots);
    }
  }

  /**
   * @param trustedRepos repositories whose pushed pipelines may use host paths
   */
  public record Git(java.util.List<String> trustedRepos) {
    public Git {
      trustedRepos =
          trustedRepos == null ? java.util.List.of() : java.util.List.copyOf(trustedRepos);
    }
  }

  /**
   * @param every how often orphaned containers and pipeline dirs are looked for
   */
  public record Janitor(Duration every) {
    public Janitor {
      every = every == null ? Duration.ofMinutes(5) : every;
    }
  }

  /**
   * @param reconcileEvery how often the runs the store lists as unfinished are compared with their
   *     workflows, so that a run whose workflow closed without recording its end gets one
   */
  public record Runs(Duration reconcileEvery) {
    public Runs {
      reconcileEvery = reconcileEvery == null ? Duration.ofSeconds(30) : reconcileEvery;
    }
  }

  /**
   * When the job caches under the data dir are evicted.
   *
   * @param maxSize all caches together, in Docker notation (512m, 10g); the least recently used go
   *     first beyond it
   * @param maxAge a cache not used for this long goes
   */
  public record Cache(String maxSize, Duration maxAge) {
    public Cache {
      maxSize = maxSize == null || maxSize.isBlank() ? "10g" : maxSize.strip();
      maxAge = maxAge == null ? CacheLimits.DEFAULT.maxAge() : maxAge;
    }

    public CacheLimits limits() {
      try {
        return new CacheLimits(MemorySize.parse(maxSize), maxAge);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "fastci.cache.max-size " + maxSize + ": " + e.getMessage());
      }
    }
  }

  /**
   * What this server's worker labels its containers with ({@code dev.fastci.store}), so its janitor
   * removes only containers of runs of this store: the data dir.
   */
  public String storeLabel() {
    return dataDir.toString();
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
            retention.pipelineDir(),
            storeLabel())
        .withJobLimits(
            new JobLimits(
                    limits.maxLogBytes(),
                    limits.defaultMemory(),
                    limits.defaultCpus(),
                    limits.maxArtifactBytes())
                .withMounts( // the same roots as at submit, judged again as containers are made
                    HostPathPolicy.underRoots(
                        volumes.allowedRoots(), DockerSockets.fromEnv(System.getenv()))))
        .withCacheLimits(cache.limits())
        .withBackend(backend)
        .withPipelineDirMaxBytes(retention.pipelineDirMaxBytes());
  }
}
