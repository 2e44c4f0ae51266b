package dev.fastci.server.ui.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.runs.RunSummary;
import dev.fastci.server.ui.Formats;
import java.io.UncheckedIOException;
import java.time.Instant;

/** One row of the runs page. */
public record RunListItem(
    String id,
    String name,
    String status,
    String statusClass,
    String trigger,
    String started,
    String duration,
    int attempt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RunListItem of(RunSummary run, Instant now) {
    try {
      return new RunListItem(
          run.id(),
          run.name(),
          run.status().name(),
          Formats.statusClass(run.status()),
          Formats.trigger(JSON.readTree(run.triggerJson())),
          Formats.time(run.startedAt() != null ? run.startedAt() : run.createdAt()),
          Formats.duration(run.startedAt(), run.finishedAt(), now),
          run.attempt());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
