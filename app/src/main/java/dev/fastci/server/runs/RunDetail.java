package dev.fastci.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.workflow.PipelineStatus;
import java.time.Instant;
import java.util.List;

/** The API's answer for one run: the store joined with the live workflow state. */
public record RunDetail(
    String id,
    String name,
    PipelineStatus status,
    int attempt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    JsonNode spec,
    JsonNode trigger,
    String error,
    String host,
    List<JobView> jobs) {

  public JobView job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
  }
}
