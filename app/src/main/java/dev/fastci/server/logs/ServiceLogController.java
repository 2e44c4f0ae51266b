package dev.fastci.server.logs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A service's log in one attempt of a run, as for a job's: read (text/plain, from an offset, or
 * followed until the service or the run ends), and written by workers on other hosts.
 */
@RestController
class ServiceLogController {
  private final RunService runs;
  private final LogFiles logs;

  ServiceLogController(RunService runs, LogFiles logs) {
    this.runs = runs;
    this.logs = logs;
  }

  /**
   * @param attempt which attempt of the run; its latest by default
   * @param offset skip this many bytes (a client that already has them)
   */
  @GetMapping("/api/pipelines/{id}/services/{service}/log")
  ResponseEntity<StreamingResponseBody> log(
      @PathVariable String id,
      @PathVariable String service,
      @RequestParam(required = false) Integer attempt,
      @RequestParam(defaultValue = "false") boolean follow,
      @RequestParam(defaultValue = "0") long offset) {
    int wanted = runs.detail(id).requireServiceAttempt(service, attempt);
    return LogTail.response(
        logs.serviceLog(id, service, wanted),
        offset,
        follow,
        () -> runs.detail(id).serviceEnded(service, wanted));
  }

  @PutMapping("/api/pipelines/{id}/services/{service}/log")
  ResponseEntity<Void> write(
      @PathVariable String id,
      @PathVariable String service,
      @RequestParam int attempt,
      @RequestParam long offset,
      InputStream body)
      throws IOException {
    runs.serviceSpec(id, service); // 404 for an unknown run or service; no workflow query
    if (attempt < 1 || attempt > runs.latestAttempt(id)) {
      throw new RunNotFoundException("run " + id + " has no attempt " + attempt);
    }
    ChunkWrites.write(logs.serviceLog(id, service, attempt), offset, body, "the log");
    return ResponseEntity.noContent().build();
  }
}
