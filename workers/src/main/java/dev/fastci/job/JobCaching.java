package dev.fastci.job;

import dev.fastci.backend.Backend;
import dev.fastci.cache.CacheEntry;
import dev.fastci.cache.CacheLimits;
import dev.fastci.cache.CacheStore;
import dev.fastci.cache.KeyedCaches;
import dev.fastci.cache.MemoKey;
import dev.fastci.cache.Memoization;
import dev.fastci.contract.JobRequest;
import dev.fastci.host.PipelineDirs;
import dev.fastci.logs.JobLog;
import dev.fastci.logs.LogFiles;
import dev.fastci.metrics.WorkerMeters;
import dev.fastci.spec.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The caching around one job: its memoization key (written beside its log for its children), the
 * replay of a memoized run, and its keyed caches before and after it runs.
 */
final class JobCaching {
  private final Backend backend;
  private final LogFiles logs;
  private final KeyedCaches caches;
  private final Memoization memos;

  JobCaching(Backend backend, LogFiles logs, CacheLimits limits) {
    CacheStore store = new CacheStore(logs.dataDir());
    this.backend = backend;
    this.logs = logs;
    this.caches = new KeyedCaches(store, limits);
    this.memos = new Memoization(store, limits);
  }

  /**
   * The job's memoization key, or null when the pipeline memoizes nothing or a parent has no key
   * (it ran before keys existed): such a job runs and is not recorded.
   */
  String key(JobRequest request, List<String> log) {
    if (!request.keyed()) {
      return null;
    }
    List<String> parentKeys = new ArrayList<>();
    for (String parent : request.parents()) {
      String key = MemoKey.read(keyFile(request, parent));
      if (key == null) {
        log.add("fastci: not memoized: parent " + parent + " has no key");
        return null;
      }
      parentKeys.add(key);
    }
    JobSpec job = request.job();
    return new MemoKey(
            backend.imageId(job.image(), job.platform()),
            job.command(),
            job.env(),
            job.allSecrets(),
            job.volumes(),
            job.platform(),
            request.workInPipelineDir()
                ? JobContainers.PIPELINE_MOUNT
                : JobContainers.WORKDIR_MOUNT,
            job.outputs(),
            MemoKey.inputTree(
                request.workInPipelineDir() ? Path.of(request.pipelineDir()) : null,
                request.workdirFromHost() == null ? null : Path.of(request.workdirFromHost())),
            parentKeys)
        .hash();
  }

  /** On a hit, the memoized job's log and outputs are back and it counts as run. */
  boolean replay(JobRequest request, JobLog log, String key) {
    if (key == null || !request.job().memoize()) {
      return false;
    }
    long start = System.nanoTime();
    Optional<CacheEntry> hit = memos.lookup(request.job().name(), key);
    boolean replayed =
        hit.isPresent()
            && memos.replay(
                hit.get(),
                log.path(),
                pipelineDir(request),
                request.job().outputs(),
                new PipelineDirs(logs.dataDir()).layers(request.runId()));
    WorkerMeters.cacheLookup("job", replayed, Duration.ofNanos(System.nanoTime() - start));
    return replayed;
  }

  List<KeyedCaches.Mount> restoreCaches(JobRequest request, List<String> log) {
    JobSpec job = request.job();
    return caches.restore(
        request.runId(),
        job.name(),
        request.attempt(),
        request.tryNumber(),
        job.caches(),
        files(request),
        log);
  }

  /**
   * After the job succeeded: records it when memoized, saves its caches, passes its key on. A pull
   * request from a fork writes neither: the next trusted run must not replay what it left.
   */
  void succeeded(
      JobRequest request,
      JobLog jobLog,
      String key,
      List<KeyedCaches.Mount> mounts,
      List<String> log) {
    if (request.untrusted()) {
      if (request.job().memoize() || !mounts.isEmpty()) {
        log.add("fastci: caches and memos not saved: a pull request from a fork writes none");
      }
      passKeyOn(request, key);
      return;
    }
    if (key != null && request.job().memoize()) {
      memos
          .record(
              request.job().name(),
              key,
              jobLog.path(),
              pipelineDir(request),
              request.job().outputs())
          .ifPresentOrElse(
              why -> log.add("fastci: not memoized: " + why),
              () -> log.add("fastci: memoized under " + key.substring(0, 12)));
    }
    caches.save(mounts, log);
    passKeyOn(request, key);
  }

  /** Children of this job find its key beside its log. */
  void passKeyOn(JobRequest request, String key) {
    if (key != null) {
      MemoKey.write(keyFile(request, request.job().name()), key);
    }
  }

  void release(List<KeyedCaches.Mount> mounts) {
    caches.release(mounts);
  }

  private Path keyFile(JobRequest request, String job) {
    return logs.runDir(request.runId()).resolve(job + ".key");
  }

  private static Path pipelineDir(JobRequest request) {
    return request.pipelineDir() == null ? null : Path.of(request.pipelineDir());
  }

  /** What {@code {{ hash }}} hashes: the checkout or pipeline dir, else the host workdir. */
  private static Path files(JobRequest request) {
    if (request.pipelineDir() != null) {
      return Path.of(request.pipelineDir());
    }
    return request.workdirFromHost() == null ? null : Path.of(request.workdirFromHost());
  }
}
