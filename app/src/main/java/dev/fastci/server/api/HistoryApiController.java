package dev.fastci.server.api;

import dev.fastci.server.runs.RunHistory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/pipelines/{id}/history}: the run's Temporal executions and their events. */
@RestController
class HistoryApiController {
  private final RunHistory history;

  HistoryApiController(RunHistory history) {
    this.history = history;
  }

  @GetMapping("/api/pipelines/{id}/history")
  RunHistory.Page history(
      @PathVariable String id,
      @RequestParam(required = false) String execution,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "200") int limit) {
    return history.page(id, execution, offset, limit);
  }
}
