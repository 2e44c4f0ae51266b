package dev.fastci.server.logs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A job attempt's log (text/plain): what is there so far, or with {@code follow=true} streamed
 * until the job ends. Both read the one file the job writes, so nothing is missed or repeated.
 */
@RestController
class JobLogController {
  static final MediaType TEXT =
      new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

  private final RunService runs;
  private final LogFiles logs;

  JobLogController(RunService runs, LogFiles logs) {
    this.runs = runs;
    this.logs = logs;
  }

  /**
   * @param attempt which attempt; the job's latest by default
   * @param offset skip this many bytes (a client that already has them)
   */
  @GetMapping("/api/pipelines/{id}/jobs/{job}/log")
  ResponseEntity<StreamingResponseBody> log(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt,
      @RequestParam(defaultValue = "false") boolean follow,
      @RequestParam(defaultValue = "0") long offset) {
    int wanted = runs.detail(id).requireAttempt(job, attempt);
    return LogTail.response(
        logs.jobLog(id, job, wanted),
        offset,
        follow,
        () -> runs.detail(id).attemptEnded(job, wanted));
  }
}
