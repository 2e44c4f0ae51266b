package dev.fastci.server.badges;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.PipelineVerdicts;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /badge/{pipeline}.svg?branch=}: a status badge for READMEs. Passing or failing is the
 * newest run that ended SUCCEEDED or FAILED (cancelled runs say nothing of the code); a pipeline
 * with none of those yet is running when one of its runs is going on, unknown otherwise.
 */
@RestController
class BadgeController {
  private static final MediaType SVG = MediaType.valueOf("image/svg+xml;charset=UTF-8");

  private final PipelineVerdicts store;

  BadgeController(PipelineVerdicts store) {
    this.store = store;
  }

  @GetMapping("/badge/{pipeline}.svg")
  ResponseEntity<String> badge(
      @PathVariable String pipeline, @RequestParam(required = false) String branch) {
    String on = branch == null || branch.isBlank() ? null : branch.strip();
    return ResponseEntity.ok()
        .contentType(SVG)
        .cacheControl(CacheControl.noCache())
        .body(Badge.of(state(pipeline, on)).svg(pipeline));
  }

  private Badge.State state(String pipeline, String branch) {
    Optional<PipelineStatus> verdict = store.newestVerdict(pipeline, branch);
    if (verdict.isPresent()) {
      return verdict.get() == PipelineStatus.SUCCEEDED ? Badge.State.PASSING : Badge.State.FAILING;
    }
    return store.anyUnfinished(pipeline, branch) ? Badge.State.RUNNING : Badge.State.UNKNOWN;
  }
}
