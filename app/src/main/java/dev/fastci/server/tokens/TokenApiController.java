package dev.fastci.server.tokens;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.users.JsonInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/{name}/tokens}: a user's personal tokens, for admins and for the user themself
 * (the security chain checks).
 */
@RestController
@RequestMapping("/api/users/{name}/tokens")
class TokenApiController {
  private static final Set<String> FIELDS = Set.of("name", "role", "expiresAt");

  private final PersonalTokens tokens;

  TokenApiController(PersonalTokens tokens) {
    this.tokens = tokens;
  }

  @GetMapping
  Map<String, List<TokenView>> list(@PathVariable String name) {
    return Map.of("items", tokens.list(name));
  }

  /** 201 {@code {"id", "token", "name", "role", "expiresAt"}}: the token is shown this once. */
  @PostMapping
  ResponseEntity<Map<String, Object>> create(
      @PathVariable String name, @RequestBody Map<String, Object> body) {
    JsonInput input = JsonInput.of(body, FIELDS);
    PersonalTokens.Created created =
        tokens.create(
            Actor.current(),
            name,
            input.text("name"),
            input.text("role"),
            instant(input.text("expiresAt")));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", created.id());
    answer.put("token", created.token());
    answer.put("name", created.name());
    answer.put("role", created.role());
    answer.put("expiresAt", created.expiresAt());
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String name, @PathVariable String id) {
    tokens.revoke(Actor.current(), name, id);
    return ResponseEntity.noContent().build();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expiresAt: must be an ISO-8601 instant such as 2030-01-01T00:00:00Z, got " + text);
    }
  }
}
