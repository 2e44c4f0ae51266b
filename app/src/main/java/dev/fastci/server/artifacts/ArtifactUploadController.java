package dev.fastci.server.artifacts;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.logs.ChunkWrites;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.util.Directories;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where workers on other hosts send the files their jobs kept, as they send logs: a job attempt's
 * files are cleared first, then each file is written in chunks, each at its offset.
 */
@RestController
class ArtifactUploadController {
  private final RunService runs;
  private final ArtifactDirs dirs;

  ArtifactUploadController(RunService runs, ArtifactDirs dirs) {
    this.runs = runs;
    this.dirs = dirs;
  }

  @DeleteMapping("/api/pipelines/{id}/jobs/{job}/artifacts/{attempt}")
  ResponseEntity<Void> clear(
      @PathVariable String id, @PathVariable String job, @PathVariable int attempt)
      throws IOException {
    Directories.deleteRecursively(attemptDir(id, job, attempt));
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/pipelines/{id}/jobs/{job}/artifacts/{attempt}/**")
  ResponseEntity<Void> write(
      @PathVariable String id,
      @PathVariable String job,
      @PathVariable int attempt,
      @RequestParam long offset,
      HttpServletRequest request,
      InputStream body)
      throws IOException {
    Path dir = attemptDir(id, job, attempt).toAbsolutePath().normalize();
    String path =
        ArtifactDownloads.pathAfter(
            request, "/api/pipelines/" + id + "/jobs/" + job + "/artifacts/" + attempt + "/");
    Path file = dir.resolve(path).normalize();
    if (!file.startsWith(dir) || file.equals(dir)) {
      throw new IllegalArgumentException("path: must stay inside the job's artifacts, got " + path);
    }
    ChunkWrites.write(file, offset, body, path);
    return ResponseEntity.noContent().build();
  }

  private Path attemptDir(String id, String job, int attempt) {
    runs.jobSpec(id, job); // 404 for an unknown run or job; the store alone, no workflow query
    if (attempt < 1 || attempt > runs.latestAttempt(id)) {
      throw new RunNotFoundException("run " + id + " has no attempt " + attempt);
    }
    return dirs.attemptDir(id, job, attempt);
  }
}
