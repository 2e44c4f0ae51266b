package dev.fastci.server.artifacts;

import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.runs.RunNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A kept file as a download: its content type by its name, and its name to save it as. */
public final class ArtifactDownloads {
  private ArtifactDownloads() {}

  /** The file a job attempt kept at {@code path}; a 404 when it kept none there. */
  public static ResponseEntity<Resource> of(
      ArtifactDirs dirs, String runId, String job, int attempt, String path) {
    return of(
        dirs.file(runId, job, attempt, path)
            .orElseThrow(
                () ->
                    new RunNotFoundException(
                        "job " + job + " of run " + runId + " kept no " + path)));
  }

  public static ResponseEntity<Resource> of(Path file) {
    String name = file.getFileName().toString();
    return ResponseEntity.ok()
        .contentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }

  /** Every file the run's jobs kept, as one zip of {@code JOB/PATH} entries. */
  public static ResponseEntity<StreamingResponseBody> zip(ArtifactDirs dirs, String runId) {
    List<Artifact> artifacts = dirs.list(runId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(runId + "-artifacts.zip").build().toString())
        .body(out -> ArtifactZip.write(dirs, runId, artifacts, out));
  }

  /** The file path at the end of a download URL, after {@code prefix}. */
  public static String pathAfter(HttpServletRequest request, String prefix) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "";
    String path = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (path.isBlank()) {
      throw new IllegalArgumentException("path: name a file after the job");
    }
    return path;
  }
}
