package dev.fastci.server.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Audit page (admins): the log, newest first, filtered by user, action and age. */
@Controller
class AuditPageController {
  static final String VIEW = "audit/list";
  static final int PAGE_SIZE = 50;
  static final List<String> ACTIONS =
      List.of(
          "run.start",
          "run.cancel",
          "run.retry",
          "job.cancel",
          "job.retry",
          "cache.delete",
          "user.add",
          "user.change",
          "user.delete",
          "token.create",
          "token.revoke",
          "login",
          "login.failed",
          "access.denied");

  private final AuditStore store;

  AuditPageController(AuditStore store) {
    this.store = store;
  }

  @GetMapping("/audit")
  String list(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String since,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    int at = Math.max(page, 0);
    model.addAttribute("who", user == null ? "" : user.strip());
    model.addAttribute("action", action == null ? "" : action.strip());
    model.addAttribute("since", since == null ? "" : since.strip());
    model.addAttribute("actions", ACTIONS);
    model.addAttribute("page", at);
    AuditQuery query;
    try {
      query = new AuditQuery(user, action, AuditQuery.since(since, Instant.now()), null);
    } catch (IllegalArgumentException badSince) {
      model.addAttribute("flashError", badSince.getMessage());
      model.addAttribute("entries", List.of());
      model.addAttribute("hasNext", false);
      return VIEW;
    }
    int offset = (int) Math.min((long) at * PAGE_SIZE, Integer.MAX_VALUE);
    model.addAttribute("entries", store.find(query, PAGE_SIZE, offset));
    model.addAttribute("hasNext", (long) (at + 1) * PAGE_SIZE < store.count(query));
    return VIEW;
  }
}
