package dev.fastci.server.ui.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.ui.Permissions;
import dev.fastci.server.ui.live.LiveFragments;
import java.security.Principal;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The run page: graph, jobs, timeline and spec, live while the run goes on, and its actions. */
@Controller
class RunPageController {
  static final String VIEW = "runs/detail";
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final RunService runs;
  private final RunControls controls;
  private final LiveFragments live;
  private final RunHistory history;
  private final String temporalWebUrl;
  private final ArtifactDirs artifacts;

  RunPageController(
      RunService runs,
      RunControls controls,
      LiveFragments live,
      AuditStore audit,
      FastciProperties properties,
      ArtifactDirs artifacts) {
    this.runs = runs;
    this.controls = controls;
    this.artifacts = artifacts;
    this.live = live;
    this.history = new RunHistory(audit);
    this.temporalWebUrl = properties.temporal().webUrl();
  }

  @GetMapping("/runs/{id}")
  String run(@PathVariable String id, CsrfToken csrf, Authentication user, Model model)
      throws Exception {
    RunDetail run = runs.detail(id);
    model.addAllAttributes(page(run, csrf, user));
    model.addAttribute("specJson", PRETTY.writeValueAsString(run.spec()));
    model.addAttribute("liveUrl", "/runs/" + id + "/live");
    return VIEW;
  }

  /** The page's live part, pushed whenever it changes, until the run has ended. */
  @GetMapping("/runs/{id}/live")
  SseEmitter live(@PathVariable String id, CsrfToken csrf, Authentication user) {
    runs.detail(id); // 404 for an unknown run before the stream starts
    return live.push(
        VIEW,
        "live",
        () -> page(runs.detail(id), csrf, user),
        model -> ((RunDetail) model.get("run")).status().isFinal());
  }

  /** The page's model; the role decides which actions it shows (the security chain checks). */
  private Map<String, Object> page(RunDetail run, CsrfToken csrf, Authentication user) {
    return RunPageModel.of(
        run,
        csrf,
        temporalWebUrl,
        Permissions.of(user).operate(),
        history.of(run.id()),
        artifacts.list(run.id()));
  }

  @PostMapping("/runs/{id}/cancel")
  String cancel(@PathVariable String id, RedirectAttributes flash) {
    return act(id, flash, () -> controls.cancel(id), "Cancelling the run.");
  }

  @PostMapping("/runs/{id}/retry")
  String retry(@PathVariable String id, RedirectAttributes flash) {
    return act(id, flash, () -> controls.retry(id), "Retrying the jobs that did not succeed.");
  }

  @PostMapping("/runs/{id}/jobs/{job}/cancel")
  String cancelJob(@PathVariable String id, @PathVariable String job, RedirectAttributes flash) {
    return act(id, flash, () -> controls.cancelJob(id, job), "Cancelling job " + job + ".");
  }

  /** Approves or rejects a run held for approval (a pull request from a fork). */
  @PostMapping("/runs/{id}/{decision:approve|reject}")
  String decideRun(
      @PathVariable String id,
      @PathVariable String decision,
      Principal principal,
      RedirectAttributes flash) {
    boolean approved = decision.equals("approve");
    return act(
        id,
        flash,
        () -> controls.decideRun(id, approved, principal.getName()),
        approved ? "Approved the run." : "Rejected the run.");
  }

  /** Approves or rejects a WAITING approval job, with an optional comment. */
  @PostMapping("/runs/{id}/jobs/{job}/{decision:approve|reject}")
  String decide(
      @PathVariable String id,
      @PathVariable String job,
      @PathVariable String decision,
      @RequestParam(required = false) String comment,
      Principal principal,
      RedirectAttributes flash) {
    boolean approved = decision.equals("approve");
    return act(
        id,
        flash,
        () -> controls.decide(id, job, approved, principal.getName(), comment),
        (approved ? "Approved " : "Rejected ") + job + ".");
  }

  @PostMapping("/runs/{id}/jobs/{job}/retry")
  String retryJob(@PathVariable String id, @PathVariable String job, RedirectAttributes flash) {
    return act(id, flash, () -> controls.retryJob(id, job), "Retrying job " + job + ".");
  }

  private static String act(String id, RedirectAttributes flash, Runnable action, String done) {
    try {
      action.run();
      flash.addFlashAttribute("flash", done);
    } catch (RunConflictException e) {
      flash.addFlashAttribute("flashError", e.getMessage());
    }
    return "redirect:/runs/" + id;
  }
}
