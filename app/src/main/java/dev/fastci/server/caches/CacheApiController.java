package dev.fastci.server.caches;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/DELETE /api/caches}: the keyed caches and memoized jobs of this host. */
@RestController
@RequestMapping("/api/caches")
class CacheApiController {
  private final Caches caches;

  CacheApiController(Caches caches) {
    this.caches = caches;
  }

  @GetMapping
  Map<String, Object> list() {
    List<CacheView> items = caches.list();
    return Map.of("items", items, "totalBytes", caches.totalBytes(items));
  }

  /** Deletes every cache. */
  @DeleteMapping
  Map<String, Integer> deleteAll() {
    return Map.of("deleted", caches.deleteAll());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, String>> delete(@PathVariable String id) {
    if (!caches.delete(id)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no cache " + id));
    }
    return ResponseEntity.noContent().build();
  }
}
