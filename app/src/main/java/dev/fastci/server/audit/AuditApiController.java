package dev.fastci.server.audit;

import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log, newest first (admins; the security chain checks). */
@RestController
class AuditApiController {
  static final int MAX_LIMIT = 500;

  private final AuditStore store;

  AuditApiController(AuditStore store) {
    this.store = store;
  }

  @GetMapping("/api/audit")
  Map<String, Object> list(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String run,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1 to " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    AuditQuery query = new AuditQuery(user, action, AuditQuery.since(since, Instant.now()), run);
    return Map.of("items", store.find(query, limit, offset), "total", store.count(query));
  }
}
