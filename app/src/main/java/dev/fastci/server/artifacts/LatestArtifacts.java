package dev.fastci.server.artifacts;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.runs.PipelineVerdicts;
import dev.fastci.server.runs.RunNotFoundException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** "Download the latest build": a file of the newest successful run of a pipeline. */
@Component
class LatestArtifacts {
  private final PipelineVerdicts store;
  private final ArtifactDirs dirs;

  LatestArtifacts(PipelineVerdicts store, ArtifactDirs dirs) {
    this.store = store;
    this.dirs = dirs;
  }

  /**
   * @param path {@code JOB/PATH}
   * @throws RunNotFoundException when there is no such run, or it kept no such file
   */
  Path file(String pipeline, String branch, String path) {
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException("path: must be JOB/PATH, e.g. build/dist/app.jar");
    }
    String job = path.substring(0, slash);
    String file = path.substring(slash + 1);
    String runId =
        store
            .newestSucceeded(pipeline, branch)
            .orElseThrow(
                () ->
                    new RunNotFoundException(
                        "no successful run of "
                            + pipeline
                            + (branch == null ? "" : " on " + branch)));
    return dirs.list(runId).stream()
        .filter(a -> a.job().equals(job) && a.path().equals(file))
        .findFirst()
        .flatMap(a -> dirs.file(runId, job, a.attempt(), file))
        .orElseThrow(
            () ->
                new RunNotFoundException("run " + runId + " of " + pipeline + " kept no " + path));
  }
}
