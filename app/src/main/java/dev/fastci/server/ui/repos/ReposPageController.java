package dev.fastci.server.ui.repos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastci.server.repos.InvalidRepoException;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.repos.Repos;
import dev.fastci.server.schedules.Schedules;
import dev.fastci.server.ui.Formats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Repositories pages: the registered repositories with a form to register one, and each
 * repository's page (its webhook, branches, pull requests, runs, schedules and badge).
 */
@Controller
class ReposPageController {
  static final String LIST = "repos/list";
  static final String DETAIL = "repos/detail";
  private static final List<String> TEXT_FIELDS =
      List.of(
          "forge", "name", "clone_url", "api_url", "token_secret", "hook_secret", "default_branch");

  private final Repos repos;
  private final RepoRuns runs;
  private final ObjectMapper json;
  private final Schedules schedules;

  ReposPageController(Repos repos, RepoRuns runs, ObjectMapper json, Schedules schedules) {
    this.repos = repos;
    this.runs = runs;
    this.json = json;
    this.schedules = schedules;
  }

  @GetMapping("/repos")
  String list(Model model) {
    model.addAttribute("repos", repos.list().stream().map(repos::view).toList());
    model.addAttribute("form", Map.of("forge", "github", "default_branch", "main"));
    return LIST;
  }

  /** The form: empty fields are left out, so the defaults apply; checkboxes come as "on". */
  @PostMapping("/repos")
  String register(@RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
    ObjectNode body = json.createObjectNode();
    for (String field : TEXT_FIELDS) {
      String value = form.get(field);
      if (value != null && !value.isBlank()) {
        body.put(field, value.strip());
      }
    }
    body.put("approve_forks", form.containsKey("approve_forks"));
    body.put("trusted", form.containsKey("trusted"));
    try {
      Repo repo = repos.register(body);
      flash.addFlashAttribute(
          "flash", "Registered " + repo.name() + ". Now add the webhook below to the forge.");
      return "redirect:/repos/" + repo.id();
    } catch (InvalidRepoException e) {
      model.addAttribute("repos", repos.list().stream().map(repos::view).toList());
      model.addAttribute("form", form);
      model.addAttribute("errors", e.errors());
      return LIST;
    }
  }

  @GetMapping("/repos/{id}")
  String detail(@PathVariable long id, Model model) {
    Repo repo = repos.get(id);
    List<RepoRuns.Line> newest = runs.newest(id, 500);
    Instant now = Instant.now();
    model.addAttribute("repo", repos.view(repo));
    model.addAttribute("branches", RepoGroups.branches(newest));
    model.addAttribute("pullRequests", RepoGroups.pullRequests(newest));
    model.addAttribute(
        "runs", newest.stream().limit(25).map(line -> RepoRunItem.of(line, now)).toList());
    model.addAttribute(
        "schedules",
        schedules.ofRepo(repo.cloneUrl()).stream()
            .map(
                s ->
                    Map.of(
                        "pipeline",
                        s.pipeline(),
                        "cron",
                        s.cron() + " (" + s.timezone() + ")",
                        "branch",
                        s.branch() == null ? "" : s.branch(),
                        "next",
                        s.paused() ? "paused" : Formats.time(s.nextFireAt())))
            .toList());
    return DETAIL;
  }

  @PostMapping("/repos/{id}/delete")
  String delete(@PathVariable long id, RedirectAttributes flash) {
    Repo repo = repos.get(id);
    repos.remove(id);
    flash.addFlashAttribute("flash", "Removed " + repo.name() + "; its runs stay.");
    return "redirect:/repos";
  }
}
