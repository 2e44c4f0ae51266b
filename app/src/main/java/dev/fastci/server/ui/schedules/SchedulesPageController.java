package dev.fastci.server.ui.schedules;

import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.schedules.ScheduleRequest;
import dev.fastci.server.schedules.Schedules;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Schedules page: every schedule with its next fire and its last runs, pause, resume, run now
 * and delete buttons, and a form for a new one (JSON or YAML; errors by path, inline).
 */
@Controller
class SchedulesPageController {
  static final String VIEW = "schedules/list";
  private static final String BACK = "redirect:/schedules";

  private final Schedules schedules;

  SchedulesPageController(Schedules schedules) {
    this.schedules = schedules;
  }

  @GetMapping("/schedules")
  String list(Model model) {
    return page(model, "", "", "UTC", "", null);
  }

  @PostMapping("/schedules")
  String create(
      @RequestParam(defaultValue = "") String spec,
      @RequestParam(defaultValue = "") String cron,
      @RequestParam(defaultValue = "UTC") String timezone,
      @RequestParam(defaultValue = "") String branch,
      Model model,
      RedirectAttributes flash) {
    try {
      String id =
          schedules.create(new ScheduleRequest(spec, SpecFormat.AUTO, cron, timezone, branch)).id();
      flash.addFlashAttribute("flash", "Created schedule " + id + ".");
      return BACK;
    } catch (InvalidSpecException e) {
      return page(model, spec, cron, timezone, branch, e.errors());
    }
  }

  @PostMapping("/schedules/{id}/pause")
  String pause(@PathVariable String id, RedirectAttributes flash) {
    schedules.pause(id);
    flash.addFlashAttribute("flash", "Paused schedule " + id + ".");
    return BACK;
  }

  @PostMapping("/schedules/{id}/resume")
  String resume(@PathVariable String id, RedirectAttributes flash) {
    schedules.resume(id);
    flash.addFlashAttribute("flash", "Resumed schedule " + id + ": it fires at its next time.");
    return BACK;
  }

  /** Starts its run now and shows the run. */
  @PostMapping("/schedules/{id}/run")
  String runNow(@PathVariable String id, RedirectAttributes flash) {
    try {
      return "redirect:/runs/" + schedules.runNow(id);
    } catch (InvalidSpecException refused) {
      flash.addFlashAttribute("flashError", "Not started: " + refused.getMessage());
      return BACK;
    }
  }

  @PostMapping("/schedules/{id}/delete")
  String delete(@PathVariable String id, RedirectAttributes flash) {
    try {
      schedules.delete(id);
      flash.addFlashAttribute("flash", "Deleted schedule " + id + ".");
    } catch (RunConflictException fromRepository) {
      flash.addFlashAttribute("flashError", fromRepository.getMessage());
    }
    return BACK;
  }

  private String page(
      Model model,
      String spec,
      String cron,
      String timezone,
      String branch,
      List<SpecError> errors) {
    model.addAttribute("schedules", schedules.views().stream().map(ScheduleLine::of).toList());
    model.addAttribute("spec", spec);
    model.addAttribute("cron", cron);
    model.addAttribute("timezone", timezone);
    model.addAttribute("branch", branch);
    model.addAttribute("errors", errors);
    return VIEW;
  }
}
