package dev.fastci.server.forge;

import dev.fastci.server.repos.ForgeKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/hooks/github}, {@code /gitea}, {@code /gitlab}: the forges' webhooks, signed
 * with each repository's webhook secret instead of the API token.
 */
@RestController
class ForgeHookController {
  private final ForgeHooks hooks;

  ForgeHookController(ForgeHooks hooks) {
    this.hooks = hooks;
  }

  @PostMapping("/api/hooks/{forge:github|gitea|gitlab}")
  ResponseEntity<Map<String, Object>> deliver(
      @PathVariable String forge,
      @RequestBody(required = false) byte[] body,
      @RequestHeader HttpHeaders headers) {
    String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
    if (type != null
        && type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "set the webhook's content type to application/json"));
    }
    Map<String, String> single = new LinkedHashMap<>();
    headers.forEach((name, values) -> single.put(name, values.isEmpty() ? "" : values.get(0)));
    ForgeHooks.Answer answer =
        hooks.deliver(ForgeKind.of(forge).orElseThrow(), new HookRequest(single, body));
    return ResponseEntity.status(answer.status()).body(answer.body());
  }
}
