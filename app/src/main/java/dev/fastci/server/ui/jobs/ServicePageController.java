package dev.fastci.server.ui.jobs;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.ServiceView;
import dev.fastci.server.ui.Formats;
import dev.fastci.server.ui.live.LiveFragments;
import java.io.IOException;
import java.util.stream.IntStream;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A service's page (pipeline field {@code services}): its state and its log, numbered and coloured,
 * tailed live over SSE until the service or the run ends, per attempt of the run.
 */
@Controller
class ServicePageController {
  static final String VIEW = "services/log";

  private final RunService runs;
  private final LogFiles logs;
  private final LiveFragments live;

  ServicePageController(RunService runs, LogFiles logs, LiveFragments live) {
    this.runs = runs;
    this.logs = logs;
    this.live = live;
  }

  @GetMapping("/runs/{id}/services/{service}")
  String service(
      @PathVariable String id,
      @PathVariable String service,
      @RequestParam(required = false) Integer attempt,
      Model model)
      throws IOException {
    RunDetail run = runs.detail(id);
    ServiceView view = run.requireService(service);
    int shown = run.requireServiceAttempt(service, attempt);
    String status = shown == view.attempt() ? view.status().name() : "ENDED";
    model.addAttribute("run", run);
    model.addAttribute("service", view);
    model.addAttribute("attempts", IntStream.rangeClosed(1, run.attempt()).boxed().toList());
    model.addAttribute("started", Formats.time(view.startedAt()));
    model.addAttribute("ready", Formats.time(view.readyAt()));
    LogStreams.show(
        model,
        "/runs/" + id + "/services/" + service,
        "",
        shown,
        status,
        logs.serviceLog(id, service, shown),
        run.serviceEnded(service, shown));
    return VIEW;
  }

  /** New log lines as "lines" events, the service's status as "status", then "end". */
  @GetMapping("/runs/{id}/services/{service}/stream")
  SseEmitter stream(
      @PathVariable String id,
      @PathVariable String service,
      @RequestParam int attempt,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(defaultValue = "1") int line) {
    runs.detail(id).requireServiceAttempt(service, attempt);
    return LogStreams.tail(
        live,
        logs.serviceLog(id, service, attempt),
        offset,
        line,
        () -> {
          RunDetail run = runs.detail(id);
          return run.serviceEnded(service, attempt)
              ? run.requireService(service).status().name()
              : null;
        });
  }

  @GetMapping("/runs/{id}/services/{service}/raw")
  ResponseEntity<Resource> raw(
      @PathVariable String id,
      @PathVariable String service,
      @RequestParam(required = false) Integer attempt) {
    int shown = runs.detail(id).requireServiceAttempt(service, attempt);
    return LogStreams.raw(
        logs.serviceLog(id, service, shown),
        "%s-service-%s-%d.log".formatted(id, service, shown),
        "attempt " + shown + " of service " + service);
  }
}
