package dev.fastci.job;

import dev.fastci.artifacts.ArtifactCollector;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.contract.JobRequest;
import dev.fastci.logs.JobLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * After a job's command ended (succeeded, failed or timed out; a cancel keeps nothing): its {@code
 * artifacts} are copied from its working dir on this host into the artifact store, and its log says
 * what was kept and what was not.
 */
final class JobArtifacts {
  private final ArtifactDirs dirs;
  private final long maxBytes;

  JobArtifacts(ArtifactDirs dirs, long maxBytes) {
    this.dirs = dirs;
    this.maxBytes = maxBytes;
  }

  void keep(JobRequest request, JobLog log) {
    List<String> globs = request.job().artifacts();
    if (globs.isEmpty()) {
      return;
    }
    Path workDir = workDirOnHost(request);
    if (workDir == null) {
      log.append(
          List.of(
              "fastci: artifacts: not kept: the working dir "
                  + JobContainers.WORKDIR_MOUNT
                  + " is only inside the container; use repo mode or bind_workdir_from_host"));
      return;
    }
    String job = request.job().name();
    try {
      log.append(
          ArtifactCollector.collect(
                  job,
                  request.attempt(),
                  workDir,
                  globs,
                  dirs.attemptDir(request.runId(), job, request.attempt()),
                  maxBytes)
              .log());
    } catch (UncheckedIOException e) {
      log.append(List.of("fastci: artifacts: " + e.getMessage() + ": " + e.getCause()));
    }
  }

  /** The job's working dir as a host dir: the checkout in repo mode, else the host workdir. */
  private static Path workDirOnHost(JobRequest request) {
    if (request.workInPipelineDir()) {
      return Path.of(request.pipelineDir());
    }
    return request.workdirFromHost() == null ? null : Path.of(request.workdirFromHost());
  }
}
