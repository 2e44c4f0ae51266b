package dev.fastci.server.api;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.Branches;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunParameters;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunSummary;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.SpecBytes;
import dev.fastci.spec.SpecFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pipelines API (README, "HTTP API"): submit, list, detail, cancel and retry. */
@RestController
@RequestMapping("/api/pipelines")
class PipelineApiController {
  static final int MAX_LIMIT = 500;
  private static final List<String> TRIGGERS = List.of("api", "cli", "manual");

  private final RunService runs;
  private final RunControls controls;
  private final RunStore store;

  PipelineApiController(RunService runs, RunControls controls, RunStore store) {
    this.runs = runs;
    this.controls = controls;
    this.store = store;
  }

  /**
   * The body is the spec: JSON, or YAML with a YAML content type; UTF-8 unless the content type
   * names another charset. Bytes that are not valid in it are refused (400), not replaced.
   */
  @PostMapping
  ResponseEntity<Map<String, String>> submit(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(value = "Content-Type", required = false) String contentType,
      @RequestHeader(value = "X-FastCI-Trigger", required = false) String trigger,
      @RequestParam(value = "branch", required = false) String branch,
      @RequestParam Map<String, String> query) {
    if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form")) {
      throw new UnsupportedSpecType();
    }
    SpecFormat format =
        contentType != null && contentType.toLowerCase().contains("yaml")
            ? SpecFormat.YAML
            : SpecFormat.AUTO;
    String type = trigger != null && TRIGGERS.contains(trigger) ? trigger : "api";
    String text = body == null ? "" : SpecBytes.decode(body, charset(contentType));
    Trigger started = Trigger.of(type);
    String id =
        runs.submit(
            text,
            format,
            started,
            started.facts(Branches.checked(branch), null),
            RunParameters.fromQuery(query));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
  }

  private static Charset charset(String contentType) {
    try {
      Charset charset =
          contentType == null ? null : MediaType.parseMediaType(contentType).getCharset();
      return charset == null ? StandardCharsets.UTF_8 : charset;
    } catch (InvalidMediaTypeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** A form post mangles the spec; curl -d sends one unless told otherwise. */
  static final class UnsupportedSpecType extends RuntimeException {
    UnsupportedSpecType() {
      super("send the spec with Content-Type: application/json or application/yaml");
    }
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) PipelineStatus status,
      @RequestParam(required = false) String name,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1 to " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    String named = name == null || name.isBlank() ? null : name;
    List<RunSummary> items = store.list(status, named, limit, offset);
    return Map.of("items", items, "total", store.count(status, named));
  }

  @GetMapping("/{id}")
  RunDetail detail(@PathVariable String id) {
    return runs.detail(id);
  }

  @PostMapping("/{id}/cancel")
  ResponseEntity<Map<String, String>> cancel(@PathVariable String id) {
    controls.cancel(id);
    return ResponseEntity.accepted().body(Map.of("id", id));
  }

  @PostMapping("/{id}/jobs/{job}/cancel")
  ResponseEntity<Map<String, String>> cancelJob(@PathVariable String id, @PathVariable String job) {
    controls.cancelJob(id, job);
    return ResponseEntity.accepted().body(Map.of("id", id, "job", job));
  }

  /**
   * Approves a run held WAITING for approval (a pull request from a fork): it starts; or rejects
   * it: it ends CANCELLED. 409 when the run is not held.
   */
  @PostMapping("/{id}/{decision:approve|reject}")
  ResponseEntity<Map<String, String>> decideRun(
      @PathVariable String id, @PathVariable String decision, Principal principal) {
    controls.decideRun(id, decision.equals("approve"), principal.getName());
    return ResponseEntity.accepted().body(Map.of("id", id));
  }

  /**
   * Approves a WAITING approval job (its children start) or rejects it (it FAILED); the body may be
   * {@code {"comment": "..."}}.
   */
  @PostMapping("/{id}/jobs/{job}/{decision:approve|reject}")
  ResponseEntity<Map<String, String>> decide(
      @PathVariable String id,
      @PathVariable String job,
      @PathVariable String decision,
      @RequestBody(required = false) Map<String, Object> body,
      Principal principal) {
    controls.decide(id, job, decision.equals("approve"), principal.getName(), comment(body));
    return ResponseEntity.accepted().body(Map.of("id", id, "job", job));
  }

  private static String comment(Map<String, Object> body) {
    Object comment = body == null ? null : body.get("comment");
    if (comment != null && !(comment instanceof String)) {
      throw new IllegalArgumentException("comment: must be a string");
    }
    if (body != null && body.keySet().stream().anyMatch(k -> !k.equals("comment"))) {
      throw new IllegalArgumentException("the body may only have a comment");
    }
    return (String) comment;
  }

  @PostMapping("/{id}/retry")
  ResponseEntity<Map<String, Object>> retry(@PathVariable String id) {
    int attempt = controls.retry(id);
    return ResponseEntity.accepted().body(Map.of("id", id, "attempt", attempt));
  }

  @PostMapping("/{id}/jobs/{job}/retry")
  ResponseEntity<Map<String, Object>> retryJob(@PathVariable String id, @PathVariable String job) {
    int attempt = controls.retryJob(id, job);
    return ResponseEntity.accepted().body(Map.of("id", id, "job", job, "attempt", attempt));
  }
}
