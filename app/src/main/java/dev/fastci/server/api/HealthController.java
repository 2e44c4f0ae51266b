package dev.fastci.server.api;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness, without a token. */
@RestController
class HealthController {

  @GetMapping("/api/health")
  Map<String, String> health() {
    return Map.of("status", "UP");
  }
}
