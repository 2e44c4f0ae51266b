package dev.fastci.server.caches;

import dev.fastci.server.ui.Formats;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The caches page: every cache of this host, its size and last use, and delete buttons. */
@Controller
class CachesPageController {
  static final String VIEW = "caches/list";

  private final Caches caches;

  CachesPageController(Caches caches) {
    this.caches = caches;
  }

  @GetMapping("/caches")
  String list(CsrfToken csrf, Model model) {
    List<CacheView> items = caches.list();
    model.addAttribute("caches", items.stream().map(CacheLine::of).toList());
    model.addAttribute("total", Formats.bytes(caches.totalBytes(items)));
    model.addAttribute("keptDirs", Formats.bytes(caches.keptPipelineDirBytes()));
    model.addAttribute(
        "dirBudget",
        caches.pipelineDirBudget() == 0 ? null : Formats.bytes(caches.pipelineDirBudget()));
    model.addAttribute("csrf", csrf);
    return VIEW;
  }

  @PostMapping("/caches/{id}/delete")
  String delete(@PathVariable String id, RedirectAttributes flash) {
    if (caches.delete(id)) {
      flash.addFlashAttribute("flash", "Deleted the cache.");
    } else {
      flash.addFlashAttribute("flashError", "No such cache: it was deleted or evicted already.");
    }
    return "redirect:/caches";
  }

  @PostMapping("/caches/delete")
  String deleteAll(RedirectAttributes flash) {
    int deleted = caches.deleteAll();
    flash.addFlashAttribute("flash", "Deleted " + deleted + " cache" + (deleted == 1 ? "." : "s."));
    return "redirect:/caches";
  }
}
