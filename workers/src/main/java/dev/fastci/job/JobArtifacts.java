package dev.fastci.job;

import dev.fastci.artifacts.ArtifactCollector;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.backend.Backend;
import dev.fastci.backend.JobContainer;
import dev.fastci.contract.JobRequest;
import dev.fastci.logs.JobLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * After a job's command ended (succeeded, failed or timed out; a cancel keeps nothing): its {@code
 * artifacts} are copied from its working dir into the artifact store, and its log says what was
 * kept and what was not. A working dir on the host (the checkout, the bound workdir) is read there;
 * one only inside the container is copied out of the ended container, as {@code docker cp} does.
 */
final class JobArtifacts {
  private final ArtifactDirs dirs;
  private final long maxBytes;
  private final Backend backend;

  JobArtifacts(ArtifactDirs dirs, long maxBytes, Backend backend) {
    this.dirs = dirs;
    this.maxBytes = maxBytes;
    this.backend = backend;
  }

  void keep(JobRequest request, JobLog log, JobContainer container) {
    List<String> globs = request.job().artifacts();
    if (globs.isEmpty()) {
      return;
    }
    String job = request.job().name();
    Path target = dirs.attemptDir(request.runId(), job, request.attempt());
    Path workDir = workDirOnHost(request);
    try {
      if (workDir != null) {
        log.append(
            ArtifactCollector.collect(job, request.attempt(), workDir, globs, target, maxBytes)
                .log());
        return;
      }
      Optional<InputStream> tar = backend.copyOut(container, JobContainers.WORKDIR_MOUNT);
      if (tar.isEmpty()) {
        log.append(
            List.of(
                "fastci: artifacts: not kept: the "
                    + backend.name()
                    + " backend has no files of the container"));
        return;
      }
      try (InputStream in = tar.get()) {
        log.append(
            ArtifactCollector.collectFromTar(job, request.attempt(), in, globs, target, maxBytes)
                .log());
      }
    } catch (IOException | RuntimeException e) {
      // Artifacts never change the job's status; the log says why none were kept.
      log.append(List.of("fastci: artifacts: could not keep them: " + e));
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
