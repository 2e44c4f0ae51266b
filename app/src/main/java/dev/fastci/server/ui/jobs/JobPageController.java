package dev.fastci.server.ui.jobs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.TryView;
import dev.fastci.server.ui.live.LiveFragments;
import dev.fastci.spec.JobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The job page: its log, numbered and coloured, tailed live over SSE, per attempt and per try of a
 * job with {@code retry}.
 */
@Controller
class JobPageController {
  static final String VIEW = "jobs/log";
  private static final Duration TAIL_EVERY = Duration.ofMillis(250);

  private final RunService runs;
  private final LogFiles logs;
  private final LiveFragments live;

  JobPageController(RunService runs, LogFiles logs, LiveFragments live) {
    this.runs = runs;
    this.logs = logs;
    this.live = live;
  }

  @GetMapping("/runs/{id}/jobs/{job}")
  String job(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt,
      @RequestParam(name = "try", required = false) Integer tryNumber,
      Model model)
      throws IOException {
    RunDetail run = runs.detail(id);
    JobView view = run.requireJob(job);
    int shown = run.requireAttempt(job, attempt);
    List<TryView> tries = runs.tries(run, job, shown);
    int shownTry = TryView.require(tries, job, shown, tryNumber);
    boolean ended = run.attemptEnded(job, shown) || TryView.ended(tries, shownTry);
    LogLines.Chunk chunk = LogLines.read(logs.jobLog(id, job, shown, shownTry), 0, ended);
    JobSpec spec = runs.jobSpec(id, job);
    TryView ofTry = tries.size() > 1 ? TryView.find(tries, shownTry) : null;
    String status =
        ofTry != null
            ? ofTry.status().name()
            : shown == view.attempt()
                ? view.status().name()
                : runs.attemptStatus(id, job, shown).map(Enum::name).orElse("ENDED");
    model.addAttribute("run", run);
    model.addAttribute("job", view);
    model.addAttribute("attempt", shown);
    model.addAttribute("attempts", view.attempts().isEmpty() ? List.of(shown) : view.attempts());
    model.addAttribute("tries", tries);
    model.addAttribute("shownTry", shownTry);
    model.addAttribute("shownStatus", status);
    model.addAttribute("shownExitCode", ofTry != null ? ofTry.exitCode() : view.exitCode());
    model.addAttribute("shownError", ofTry != null ? ofTry.error() : view.error());
    model.addAttribute("statusClass", status.toLowerCase());
    model.addAttribute("image", spec.image());
    model.addAttribute("command", String.join(" ", spec.command()));
    model.addAttribute("lines", chunk.lines());
    model.addAttribute("ended", ended);
    model.addAttribute(
        "streamUrl",
        ended
            ? null
            : "/runs/%s/jobs/%s/stream?attempt=%d&try=%d&offset=%d&line=%d"
                .formatted(id, job, shown, shownTry, chunk.nextOffset(), chunk.lines().size() + 1));
    return VIEW;
  }

  /** New log lines as "lines" events, the try's (or job's) status as "status", then "end". */
  @GetMapping("/runs/{id}/jobs/{job}/stream")
  SseEmitter stream(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam int attempt,
      @RequestParam(name = "try", defaultValue = "1") int tryNumber,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(defaultValue = "1") int line) {
    RunDetail first = runs.detail(id);
    first.requireAttempt(job, attempt);
    TryView.require(runs.tries(first, job, attempt), job, attempt, tryNumber);
    Path file = logs.jobLog(id, job, attempt, tryNumber);
    AtomicLong next = new AtomicLong(offset);
    AtomicInteger number = new AtomicInteger(line);
    return live.every(
        TAIL_EVERY,
        emitter -> {
          RunDetail run = runs.detail(id);
          List<TryView> tries = runs.tries(run, job, attempt);
          boolean jobEnded = run.attemptEnded(job, attempt);
          boolean ended = jobEnded || TryView.ended(tries, tryNumber);
          LogLines.Chunk chunk = LogLines.read(file, next.get(), ended);
          next.set(chunk.nextOffset());
          if (!chunk.lines().isEmpty()) {
            String html = LogLines.numbered(chunk.lines(), number.getAndAdd(chunk.lines().size()));
            emitter.send(SseEmitter.event().name("lines").data(html));
          }
          if (ended) {
            TryView ofTry = tries.size() > 1 ? TryView.find(tries, tryNumber) : null;
            String status =
                ofTry != null ? ofTry.status().name() : run.requireJob(job).status().name();
            emitter.send(SseEmitter.event().name("status").data(status));
            emitter.send(SseEmitter.event().name("end").data("end"));
          }
          return !ended;
        });
  }

  @GetMapping("/runs/{id}/jobs/{job}/raw")
  ResponseEntity<Resource> raw(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt,
      @RequestParam(name = "try", required = false) Integer tryNumber) {
    RunDetail run = runs.detail(id);
    int shown = run.requireAttempt(job, attempt);
    int shownTry = TryView.require(runs.tries(run, job, shown), job, shown, tryNumber);
    Path file = logs.jobLog(id, job, shown, shownTry);
    if (!Files.exists(file)) {
      throw new RunNotFoundException("no log yet for attempt " + shown + " of job " + job);
    }
    String name =
        shownTry == 1
            ? "%s-%s-%d.log".formatted(id, job, shown)
            : "%s-%s-%d-try%d.log".formatted(id, job, shown, shownTry);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }
}
