package dev.fastci.server.logs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.spec.RetrySpec;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where workers on other hosts send their job logs as they grow: each chunk is written at its
 * offset into the server's own log file of that job attempt's try, which the log endpoint and the
 * pages read. A chunk sent again is written again at the same place; a chunk at 0 starts the log
 * over.
 */
@RestController
class JobLogUploadController {
  private final RunService runs;
  private final LogFiles logs;

  JobLogUploadController(RunService runs, LogFiles logs) {
    this.runs = runs;
    this.logs = logs;
  }

  @PutMapping("/api/pipelines/{id}/jobs/{job}/log")
  ResponseEntity<Void> write(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam int attempt,
      @RequestParam(name = "try", defaultValue = "1") int tryNumber,
      @RequestParam long offset,
      InputStream body)
      throws IOException {
    runs.jobSpec(id, job); // 404 for an unknown run or job; the store alone, no workflow query
    if (attempt < 1 || attempt > runs.latestAttempt(id)) {
      throw new RunNotFoundException("run " + id + " has no attempt " + attempt);
    }
    if (tryNumber < 1 || tryNumber > RetrySpec.MAX_TRIES) {
      throw new IllegalArgumentException("try: must be 1 to " + RetrySpec.MAX_TRIES);
    }
    ChunkWrites.write(logs.jobLog(id, job, attempt, tryNumber), offset, body, "the log");
    return ResponseEntity.noContent().build();
  }
}
