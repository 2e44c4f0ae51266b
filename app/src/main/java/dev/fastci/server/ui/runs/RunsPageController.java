package dev.fastci.server.ui.runs;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.ui.live.LiveFragments;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

/** The runs page: newest first, paginated, filtered by status and name, live. */
@Controller
class RunsPageController {
  static final String VIEW = "runs/list";
  static final int PAGE_SIZE = 25;

  private final RunStore store;
  private final LiveFragments live;

  RunsPageController(RunStore store, LiveFragments live) {
    this.store = store;
    this.live = live;
  }

  @GetMapping("/")
  String runs(
      @RequestParam(required = false) PipelineStatus status,
      @RequestParam(required = false) String name,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAllAttributes(rows(status, name, Math.max(page, 0)));
    model.addAttribute(
        "liveUrl",
        UriComponentsBuilder.fromPath("/runs/live")
            .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
            .queryParamIfPresent("name", java.util.Optional.ofNullable(blankToNull(name)))
            .queryParam("page", Math.max(page, 0))
            .build()
            .encode()
            .toUriString());
    return VIEW;
  }

  /** The table's rows, rendered again and pushed whenever a run on the page changes. */
  @GetMapping("/runs/live")
  SseEmitter liveRows(
      @RequestParam(required = false) PipelineStatus status,
      @RequestParam(required = false) String name,
      @RequestParam(defaultValue = "0") int page) {
    return live.push(VIEW, "rows", () -> rows(status, name, Math.max(page, 0)), m -> false);
  }

  private Map<String, Object> rows(PipelineStatus status, String name, int page) {
    String named = blankToNull(name);
    Instant now = Instant.now();
    // a huge page number must not overflow into a negative offset, which the store rejects
    int offset = (int) Math.min((long) page * PAGE_SIZE, Integer.MAX_VALUE);
    List<RunListItem> runs =
        store.list(status, named, PAGE_SIZE, offset).stream()
            .map(r -> RunListItem.of(r, now))
            .toList();
    long total = store.count(status, named);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("runs", runs);
    model.put("total", total);
    model.put("page", page);
    model.put("hasNext", (long) (page + 1) * PAGE_SIZE < total);
    model.put("status", status == null ? "" : status.name());
    model.put("name", named == null ? "" : named);
    model.put(
        "statuses",
        Arrays.stream(PipelineStatus.values())
            .filter(s -> s != PipelineStatus.WAITING) // only live: the store says RUNNING
            .map(Enum::name)
            .toList());
    return model;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
