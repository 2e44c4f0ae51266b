package dev.fastci.server.logs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.TryView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The log of a job attempt's try (text/plain): what is there so far, or with {@code follow=true}
 * streamed until the try ends. Both read the one file the try writes, so nothing is missed or
 * repeated.
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
   * @param tryNumber which try of that attempt ({@code try}); its latest by default
   * @param offset skip this many bytes (a client that already has them)
   */
  @GetMapping("/api/pipelines/{id}/jobs/{job}/log")
  ResponseEntity<StreamingResponseBody> log(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt,
      @RequestParam(name = "try", required = false) Integer tryNumber,
      @RequestParam(defaultValue = "false") boolean follow,
      @RequestParam(defaultValue = "0") long offset) {
    RunDetail run = runs.detail(id);
    int wanted = run.requireAttempt(job, attempt);
    int shown = TryView.require(runs.tries(run, job, wanted), job, wanted, tryNumber);
    return LogTail.response(
        logs.jobLog(id, job, wanted, shown), offset, follow, () -> ended(id, job, wanted, shown));
  }

  private boolean ended(String id, String job, int attempt, int tryNumber) {
    RunDetail run = runs.detail(id);
    return run.attemptEnded(job, attempt)
        || TryView.ended(runs.tries(run, job, attempt), tryNumber);
  }
}
