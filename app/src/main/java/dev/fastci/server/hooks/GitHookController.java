package dev.fastci.server.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.commits.CommitPipelines;
import dev.fastci.server.security.GeneratedSecrets;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/hooks/git}: the post-receive hook reports a push, signed with the hook secret
 * instead of the API token. Answers 202 with the runs it started.
 */
@RestController
class GitHookController {
  private final HookSignature signature;
  private final PushPipelines pipelines;
  private final ObjectMapper json;

  GitHookController(FastciProperties properties, PushPipelines pipelines, ObjectMapper json) {
    this.signature =
        new HookSignature(
            GeneratedSecrets.configuredOrGenerated(
                properties.hookSecret(),
                properties.dataDir().resolve("hook-secret"),
                "git hook secret"));
    this.pipelines = pipelines;
    this.json = json;
  }

  @PostMapping("/api/hooks/git")
  ResponseEntity<Map<String, Object>> push(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(value = HookSignature.HEADER, required = false) String signed) {
    byte[] payload = body == null ? new byte[0] : body;
    if (!signature.matches(payload, signed)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "missing or wrong " + HookSignature.HEADER));
    }
    GitPush push;
    try {
      push = json.readValue(payload, GitPush.class);
    } catch (IOException malformed) {
      return ResponseEntity.badRequest().body(Map.of("error", "the body is not JSON"));
    }
    if (push.repo() == null || push.ref() == null || push.after() == null) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "the body needs repo, before, after and ref"));
    }
    CommitPipelines.Started started = pipelines.start(push);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("pipelines", started.pipelines());
    if (!started.errors().isEmpty()) {
      answer.put("errors", started.errors());
    }
    return ResponseEntity.accepted().body(answer);
  }
}
