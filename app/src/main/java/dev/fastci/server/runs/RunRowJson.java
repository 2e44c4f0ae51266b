package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobState;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The JSON columns of a stored run, read and written: its trigger, carried jobs and skips. */
final class RunRowJson {
  private final ObjectMapper json;

  RunRowJson(ObjectMapper json) {
    this.json = json;
  }

  /** The jobs the run's conditions skipped when it was accepted. */
  Map<String, String> conditionSkips(RunRow run) {
    if (run.conditionSkipsJson() == null) {
      return Map.of();
    }
    try {
      return json.readValue(run.conditionSkipsJson(), new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What started the run: {@code push}, {@code api}, ... */
  String triggerType(RunRow run) {
    try {
      return json.readTree(run.triggerJson()).path("type").asText();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a repository's pipeline file started the run (its trigger names the repository). */
  boolean triggerFromRepo(RunRow run) {
    try {
      return json.readTree(run.triggerJson()).hasNonNull("repo");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jobs the run's current attempt carried over from earlier ones. */
  List<JobState> carried(RunRow run) {
    try {
      return json.readValue(run.carriedJson(), new TypeReference<List<JobState>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
