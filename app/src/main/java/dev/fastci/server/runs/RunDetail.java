package dev.fastci.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.contract.PipelineStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API's answer for one run: the store joined with the live workflow state.
 *
 * @param startedAt when the run's latest attempt was accepted and its setup began (for runs from
 *     before the visible setup phase: when its jobs began)
 * @param events what happened to the run besides its jobs' states (its setup steps, a lost host),
 *     oldest first
 * @param event what started the run (push, tag, manual, api), for its jobs' conditions; null for
 *     runs of releases before conditions
 * @param branch the run's branch, or null
 * @param services the run's services (pipeline field {@code services}) in its latest attempt
 * @param params the value of each of the run's parameters (pipeline field {@code parameters})
 * @param concurrencyGroup the run's concurrency group (pipeline field {@code concurrency}), or null
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
    List<RunEvent> events,
    String event,
    String branch,
    List<ServiceView> services,
    Map<String, String> params,
    String concurrencyGroup) {

  public RunDetail {
    services = services == null ? List.of() : List.copyOf(services);
    events = events == null ? List.of() : events;
    params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** A run without parameters and concurrency group (as pipelines before run controls are). */
  public RunDetail(
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
      List<RunEvent> events,
      String event,
      String branch,
      List<ServiceView> services) {
    this(
        id,
        name,
        status,
        attempt,
        createdAt,
        startedAt,
        finishedAt,
        spec,
        trigger,
        error,
        host,
        jobs,
        events,
        event,
        branch,
        services,
        null,
        null);
  }

  /**
   * A run without event, branch (as runs of releases before conditions are) and services (as
   * pipelines before language v2 are).
   */
  public RunDetail(
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
    this(
        id,
        name,
        status,
        attempt,
        createdAt,
        startedAt,
        finishedAt,
        spec,
        trigger,
        error,
        host,
        jobs,
        events,
        null,
        null,
        null);
  }

  /** The newer run of its concurrency group that cancelled this one, or null. */
  public String supersededBy() {
    return events.stream()
        .map(RunEvent::message)
        .filter(m -> m.startsWith(ConcurrencyGroups.SUPERSEDED_BY))
        .map(m -> m.substring(ConcurrencyGroups.SUPERSEDED_BY.length()))
        .reduce((first, last) -> last)
        .orElse(null);
  }

  /**
   * Held for a user's approval before anything of it starts (a pull request from a fork): WAITING
   * and never started. A run that waits at an approval job has started.
   */
  public boolean heldForApproval() {
    return status == PipelineStatus.WAITING && startedAt == null;
  }

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

  /** The service, or a RunNotFoundException (404) when the run has none of that name. */
  public ServiceView requireService(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new RunNotFoundException("run " + id + " has no service " + name));
  }

  /** The attempt of the service that {@code attempt} asks for: the run's latest when null. */
  public int requireServiceAttempt(String name, Integer attempt) {
    requireService(name);
    int wanted = attempt == null ? this.attempt : attempt;
    if (wanted < 1 || wanted > this.attempt) {
      throw new RunNotFoundException("run " + id + " has no attempt " + wanted);
    }
    return wanted;
  }

  /** Whether the service's log of that attempt will not grow any more. */
  public boolean serviceEnded(String name, int attempt) {
    return status.isFinal() || attempt < this.attempt || requireService(name).status().isFinal();
  }

  /** Whether that attempt of the job has ended: its log will not grow any more. */
  public boolean attemptEnded(String name, int attempt) {
    JobView job = requireJob(name);
    return status.isFinal() || job.attempt() > attempt || job.status().isFinal();
  }
}
