package dev.fastci.server.ui.jobs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.ui.live.LiveFragments;
import dev.fastci.spec.JobSpec;
import java.io.IOException;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The job page: its log, numbered and coloured, tailed live over SSE, per attempt. */
@Controller
class JobPageController {
  static final String VIEW = "jobs/log";

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
      Model model)
      throws IOException {
    RunDetail run = runs.detail(id);
    JobView view = run.requireJob(job);
    int shown = run.requireAttempt(job, attempt);
    JobSpec spec = runs.jobSpec(id, job);
    String status =
        shown == view.attempt()
            ? view.status().name()
            : runs.attemptStatus(id, job, shown).map(Enum::name).orElse("ENDED");
    model.addAttribute("run", run);
    model.addAttribute("job", view);
    model.addAttribute("attempts", view.attempts().isEmpty() ? List.of(shown) : view.attempts());
    model.addAttribute("image", spec.image());
    model.addAttribute("command", String.join(" ", spec.command()));
    LogStreams.show(
        model,
        "/runs/" + id + "/jobs/" + job,
        shown,
        status,
        logs.jobLog(id, job, shown),
        run.attemptEnded(job, shown));
    return VIEW;
  }

  /** New log lines as "lines" events, the job's status as "status", then "end". */
  @GetMapping("/runs/{id}/jobs/{job}/stream")
  SseEmitter stream(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam int attempt,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(defaultValue = "1") int line) {
    runs.detail(id).requireAttempt(job, attempt);
    return LogStreams.tail(
        live,
        logs.jobLog(id, job, attempt),
        offset,
        line,
        () -> {
          RunDetail run = runs.detail(id);
          return run.attemptEnded(job, attempt) ? run.requireJob(job).status().name() : null;
        });
  }

  @GetMapping("/runs/{id}/jobs/{job}/raw")
  ResponseEntity<Resource> raw(
      @PathVariable String id,
      @PathVariable String job,
      @RequestParam(required = false) Integer attempt) {
    int shown = runs.detail(id).requireAttempt(job, attempt);
    return LogStreams.raw(
        logs.jobLog(id, job, shown),
        "%s-%s-%d.log".formatted(id, job, shown),
        "attempt " + shown + " of job " + job);
  }
}
