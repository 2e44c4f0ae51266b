package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads a run's {@link RunProgress} from the store, cheaply enough for every state change. */
@Component
public class RunProgressReader {
  private static final Set<JobStatus> FAILED =
      Set.of(JobStatus.FAILED, JobStatus.TIMED_OUT, JobStatus.ERROR);

  private final RunStore store;
  private final JobRowsStore jobRows;
  private final SpecDocuments specs;
  private final ObjectMapper json;

  public RunProgressReader(
      RunStore store, JobRowsStore jobRows, SpecDocuments specs, ObjectMapper json) {
    this.store = store;
    this.jobRows = jobRows;
    this.specs = specs;
    this.json = json;
  }

  /**
   * @throws RunNotFoundException for an unknown run
   */
  public RunProgress of(String runId) {
    RunRow run = store.find(runId).orElseThrow(() -> new RunNotFoundException("no run " + runId));
    Set<String> carried = carried(run.carriedJson());
    int done = 0;
    List<String> failed = new ArrayList<>();
    for (JobRow row : jobRows.latestJobs(runId).values()) {
      boolean thisAttempt = row.attempt() == run.attempt();
      if (row.status().isFinal() && (thisAttempt || carried.contains(row.job()))) {
        done++;
      }
      if (thisAttempt && FAILED.contains(row.status())) {
        failed.add(row.job());
      }
    }
    return new RunProgress(
        run.id(),
        run.name(),
        run.status(),
        run.attempt(),
        specs.tree(run.specJson()).path("jobs").size(),
        done,
        failed,
        run.startedAt(),
        run.finishedAt());
  }

  private Set<String> carried(String carriedJson) {
    try {
      return json.readValue(carriedJson, new TypeReference<List<JobState>>() {}).stream()
          .map(JobState::name)
          .collect(Collectors.toSet());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
