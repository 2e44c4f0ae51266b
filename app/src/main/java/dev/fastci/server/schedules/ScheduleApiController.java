package dev.fastci.server.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/schedules}: pipelines that run on a clock (README, "Schedules"). */
@RestController
@RequestMapping("/api/schedules")
class ScheduleApiController {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Schedules schedules;

  ScheduleApiController(Schedules schedules) {
    this.schedules = schedules;
  }

  @PostMapping
  ResponseEntity<ScheduleView> create(@RequestBody(required = false) byte[] body) {
    JsonNode json;
    try {
      json = body == null ? null : JSON.readTree(body);
    } catch (IOException malformed) {
      throw new InvalidSpecException(
          List.of(
              new SpecError(
                  "$", "not JSON: " + malformed.getMessage().lines().findFirst().orElse(""))));
    }
    Schedule created = schedules.create(ScheduleRequest.fromJson(json));
    return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
  }

  @GetMapping
  Map<String, List<ScheduleView>> list() {
    return Map.of("items", schedules.views());
  }

  @GetMapping("/{id}")
  ScheduleView get(@PathVariable String id) {
    return view(schedules.get(id));
  }

  @PostMapping("/{id}/pause")
  ScheduleView pause(@PathVariable String id) {
    return view(schedules.pause(id));
  }

  @PostMapping("/{id}/resume")
  ScheduleView resume(@PathVariable String id) {
    return view(schedules.resume(id));
  }

  /** Starts the schedule's run now; its cron times stay as they were. */
  @PostMapping("/{id}/run")
  ResponseEntity<Map<String, String>> runNow(@PathVariable String id) {
    String run = schedules.runNow(id);
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", run, "schedule", id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    schedules.delete(id);
    return ResponseEntity.noContent().build();
  }

  private ScheduleView view(Schedule schedule) {
    return schedules.view(schedule);
  }
}
