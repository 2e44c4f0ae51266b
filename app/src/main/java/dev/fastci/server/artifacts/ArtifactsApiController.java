package dev.fastci.server.artifacts;

import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.runs.RunService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The files a run's jobs kept: the list, one file (with its content type and a download name), the
 * whole run as a zip, and the newest successful run's file of a pipeline.
 */
@RestController
class ArtifactsApiController {
  private final RunService runs;
  private final ArtifactDirs dirs;
  private final LatestArtifacts latest;

  ArtifactsApiController(RunService runs, ArtifactDirs dirs, LatestArtifacts latest) {
    this.runs = runs;
    this.dirs = dirs;
    this.latest = latest;
  }

  @GetMapping("/api/pipelines/{id}/artifacts")
  Map<String, List<Artifact>> list(@PathVariable String id) {
    runs.detail(id); // 404 for an unknown run
    return Map.of("items", dirs.list(id));
  }

  @GetMapping("/api/pipelines/{id}/artifacts/{job}/**")
  ResponseEntity<Resource> file(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt,
      HttpServletRequest request) {
    int wanted = runs.detail(id).requireAttempt(job, attempt);
    String path =
        ArtifactDownloads.pathAfter(request, "/api/pipelines/" + id + "/artifacts/" + job + "/");
    return ArtifactDownloads.of(dirs, id, job, wanted, path);
  }

  @GetMapping("/api/pipelines/{id}/artifacts.zip")
  ResponseEntity<StreamingResponseBody> zip(@PathVariable String id) {
    runs.detail(id);
    return ArtifactDownloads.zip(dirs, id);
  }

  /** {@code path} is {@code JOB/PATH}: the file a job of the newest successful run kept. */
  @GetMapping("/api/artifacts/latest")
  ResponseEntity<Resource> latest(
      @RequestParam String pipeline,
      @RequestParam(required = false) String branch,
      @RequestParam String path) {
    return ArtifactDownloads.of(latest.file(pipeline, branch, path));
  }
}
