package dev.fastci.server.ui.run;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.artifacts.ArtifactDownloads;
import dev.fastci.server.runs.RunService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The run page's download links to kept files (the browser's session, not the API token). */
@Controller
class ArtifactDownloadController {
  private final RunService runs;
  private final ArtifactDirs dirs;

  ArtifactDownloadController(RunService runs, ArtifactDirs dirs) {
    this.runs = runs;
    this.dirs = dirs;
  }

  @GetMapping("/runs/{id}/artifacts.zip")
  ResponseEntity<StreamingResponseBody> zip(@PathVariable String id) {
    runs.detail(id);
    return ArtifactDownloads.zip(dirs, id);
  }

  @GetMapping("/runs/{id}/artifacts/{job}/{attempt}/**")
  ResponseEntity<Resource> file(
      @PathVariable String id,
      @PathVariable String job,
      @PathVariable int attempt,
      HttpServletRequest request) {
    runs.detail(id).requireAttempt(job, attempt);
    String path =
        ArtifactDownloads.pathAfter(
            request, "/runs/" + id + "/artifacts/" + job + "/" + attempt + "/");
    return ArtifactDownloads.of(dirs, id, job, attempt, path);
  }
}
