package dev.fastci.server.ui.jobs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.TryView;
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

/**
 * The job page: its log, numbered and coloured, tailed live over SSE, per attempt and per try of a
 * job with {@code retry}.
 */
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
      @RequestParam(name = "try", required = false) Integer tryNumber,
      Model model)
      throws IOException {
    RunDetail run = runs.detail(id);
    JobView view = run.requireJob(job);
    int shown = run.requireAttempt(job, attempt);
    List<TryView> tries = runs.tries(run, job, shown);
    int shownTry = TryView.require(tries, job, shown, tryNumber);
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
    model.addAttribute("attempts", view.attempts().isEmpty() ? List.of(shown) : view.attempts());
    model.addAttribute("tries", tries);
    model.addAttribute("shownTry", shownTry);
    model.addAttribute("shownExitCode", ofTry != null ? ofTry.exitCode() : view.exitCode());
    model.addAttribute("shownError", ofTry != null ? ofTry.error() : view.error());
    model.addAttribute("image", spec.image());
    model.addAttribute("command", String.join(" ", spec.command()));
    LogStreams.show(
        model,
        "/runs/" + id + "/jobs/" + job,
        "&try=" + shownTry,
        shown,
        status,
        logs.jobLog(id, job, shown, shownTry),
        run.attemptEnded(job, shown) || TryView.ended(tries, shownTry));
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
    return LogStreams.tail(
        live,
        logs.jobLog(id, job, attempt, tryNumber),
        offset,
        line,
        () -> {
          RunDetail run = runs.detail(id);
          List<TryView> tries = runs.tries(run, job, attempt);
          if (!run.attemptEnded(job, attempt) && !TryView.ended(tries, tryNumber)) {
            return null;
          }
          TryView ofTry = tries.size() > 1 ? TryView.find(tries, tryNumber) : null;
          return ofTry != null ? ofTry.status().name() : run.requireJob(job).status().name();
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
    return LogStreams.raw(
        logs.jobLog(id, job, shown, shownTry),
        shownTry == 1
            ? "%s-%s-%d.log".formatted(id, job, shown)
            : "%s-%s-%d-try%d.log".formatted(id, job, shown, shownTry),
        "attempt " + shown + " of job " + job);
  }
}
