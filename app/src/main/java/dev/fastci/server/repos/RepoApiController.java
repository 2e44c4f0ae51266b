package dev.fastci.server.repos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/repos}: register, list, read, change and remove repositories. */
@RestController
@RequestMapping("/api/repos")
class RepoApiController {
  private final Repos repos;
  private final ObjectMapper json;

  RepoApiController(Repos repos, ObjectMapper json) {
    this.repos = repos;
    this.json = json;
  }

  @PostMapping
  ResponseEntity<RepoView> register(@RequestBody(required = false) byte[] body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(repos.view(repos.register(tree(body))));
  }

  @GetMapping
  Map<String, List<RepoView>> list() {
    return Map.of("items", repos.list().stream().map(repos::view).toList());
  }

  @GetMapping("/{id}")
  RepoView get(@PathVariable long id) {
    return repos.view(repos.get(id));
  }

  @PatchMapping("/{id}")
  RepoView change(@PathVariable long id, @RequestBody(required = false) byte[] body) {
    return repos.view(repos.change(id, tree(body)));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> remove(@PathVariable long id) {
    repos.remove(id);
    return ResponseEntity.noContent().build();
  }

  private JsonNode tree(byte[] body) {
    try {
      return body == null ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRepoException(
          List.of(new FieldError("$", "not JSON: " + e.getOriginalMessage())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ExceptionHandler(InvalidRepoException.class)
  ResponseEntity<Map<String, List<FieldError>>> invalid(InvalidRepoException e) {
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("errors", e.errors()));
  }

  @ExceptionHandler(RepoNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(RepoNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", e.getMessage()));
  }
}
