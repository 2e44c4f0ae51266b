package dev.fastci.server.users;

import dev.fastci.server.audit.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: admins list, add, change and delete users (the security chain checks). */
@RestController
@RequestMapping("/api/users")
class UserApiController {
  private final Users users;

  UserApiController(Users users) {
    this.users = users;
  }

  private static final Set<String> FIELDS = Set.of("name", "role", "password");

  @GetMapping
  Map<String, List<UserAccount>> list() {
    return Map.of("items", users.list());
  }

  /** 201 with the user; {@code password} only when it was generated (shown this once). */
  @PostMapping
  ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, Object> body) {
    JsonInput input = JsonInput.of(body, FIELDS);
    Users.Added added =
        users.add(Actor.current(), input.text("name"), input.text("role"), input.text("password"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", added.name());
    answer.put("role", added.role());
    if (added.password() != null) {
      answer.put("password", added.password());
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @PatchMapping("/{name}")
  UserAccount change(@PathVariable String name, @RequestBody Map<String, Object> body) {
    JsonInput input = JsonInput.of(body, FIELDS);
    if (input.text("name") != null && !input.text("name").equals(name)) {
      throw new IllegalArgumentException("name: a user cannot be renamed");
    }
    return users.change(Actor.current(), name, input.text("role"), input.text("password"));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(@PathVariable String name) {
    users.delete(Actor.current(), name);
    return ResponseEntity.noContent().build();
  }
}
