package dev.fastci.server.ui.history;

import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunHistory;
import dev.fastci.server.runs.RunService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The run page's History tab: the run's Temporal executions and, for the chosen one, its event
 * history, {@value #PAGE} events a page.
 */
@Controller
class HistoryPageController {
  static final String VIEW = "runs/history";
  static final int PAGE = 200;

  private final RunService runs;
  private final RunHistory history;

  HistoryPageController(RunService runs, RunHistory history) {
    this.runs = runs;
    this.history = history;
  }

  @GetMapping("/runs/{id}/history")
  String history(
      @PathVariable String id,
      @RequestParam(required = false) String execution,
      @RequestParam(defaultValue = "0") int offset,
      Model model) {
    RunDetail run = runs.detail(id);
    RunHistory.Page page = history.page(id, execution, Math.max(0, offset), PAGE);
    model.addAttribute("run", run);
    model.addAttribute("page", page);
    model.addAttribute(
        "executions",
        page.executions().stream()
            .map(e -> HistoryRows.ExecutionRow.of(e, page.execution()))
            .toList());
    model.addAttribute("events", page.events().stream().map(HistoryRows.EventRow::of).toList());
    model.addAttribute("previous", page.offset() > 0 ? Math.max(0, page.offset() - PAGE) : null);
    model.addAttribute("next", page.offset() + PAGE < page.total() ? page.offset() + PAGE : null);
    return VIEW;
  }
}
