package dev.fastci.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.contract.PipelineStatus;
import java.time.Instant;
import java.util.List;

/**
 * The API's answer for one run: the store joined with the live workflow state.
 *
 * @param startedAt when the run's latest attempt was accepted and its setup began (for runs from
 *     before the visible setup phase: when its jobs began)
 * @param events what happened to the run besides its jobs' states (its setup steps, a lost host),
 *     oldest first
 */
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
    List<JobView> jobs,
    List<RunEvent> events) {

  /** The prefix of the events that tell the setup's steps ({@code setup: checkout 5.90 s ...}). */
  public static final String SETUP_STEP = "setup: ";

  /** When the latest attempt's setup began: its start; null when it told no setup step. */
  @JsonProperty
  public Instant setupStartedAt() {
    return setupSteps().isEmpty() ? null : startedAt;
  }

  /** When the latest attempt's setup ended (its last step), and its first jobs could start. */
  @JsonProperty
  public Instant setupFinishedAt() {
    List<RunEvent> steps = setupSteps();
    return steps.isEmpty() ? null : steps.get(steps.size() - 1).at();
  }

  /** The setup steps of the latest attempt, oldest first. */
  public List<RunEvent> setupSteps() {
    return events == null
        ? List.of()
        : events.stream()
            .filter(e -> e.attempt() == attempt && e.message().startsWith(SETUP_STEP))
            .toList();
  }

  public JobView job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
  }

  /** The job, or a RunNotFoundException (404) when the run has none of that name. */
  public JobView requireJob(String name) {
    JobView job = job(name);
    if (job == null) {
      throw new RunNotFoundException("run " + id + " has no job " + name);
    }
    return job;
  }

  /** The attempt of the job that {@code attempt} asks for: its latest when null; 404 if none. */
  public int requireAttempt(String name, Integer attempt) {
    JobView job = requireJob(name);
    int wanted = attempt == null ? job.attempt() : attempt;
    if (wanted < 1 || wanted > job.attempt()) {
      throw new RunNotFoundException("job " + name + " of run " + id + " has no attempt " + wanted);
    }
    return wanted;
  }

  /** Whether that attempt of the job has ended: its log will not grow any more. */
  public boolean attemptEnded(String name, int attempt) {
    JobView job = requireJob(name);
    return status.isFinal() || job.attempt() > attempt || job.status().isFinal();
  }
}
