package dev.fastci.server.runs;

import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads runs: the store for what is durable, joined with the workflow's live state while the run
 * goes on (the store learns of a job only when it ends).
 */
@Component
public class RunViews {
  private static final Duration LIVE_STATE_WAIT = Duration.ofSeconds(2);

  private final RunStore store;
  private final JobRowsStore jobRows;
  private final RunEventsStore events;
  private final SpecDocuments specs;
  private final PipelineClient pipelines;

  public RunViews(
      RunStore store,
      JobRowsStore jobRows,
      RunEventsStore events,
      SpecDocuments specs,
      PipelineClient pipelines) {
    this.store = store;
    this.jobRows = jobRows;
    this.events = events;
    this.specs = specs;
    this.pipelines = pipelines;
  }

  RunRow row(String id) {
    return store.find(id).orElseThrow(() -> new RunNotFoundException("no run " + id));
  }

  public RunDetail detail(String id) {
    RunRow run = row(id);
    PipelineSpec spec = specs.stored(run);
    PipelineState live = run.status().isFinal() ? null : live(id);
    if (live != null && live.attempt() != run.attempt()) {
      live = null; // an earlier execution answered; the new one has not started yet
    }
    Map<String, JobRow> stored = jobRows.latestJobs(id);
    Map<String, List<Integer>> attempts = attemptsByJob(id);
    List<JobView> jobs = new ArrayList<>();
    for (JobSpec job : spec.jobs()) {
      List<String> parents = spec.parentsOf(job.name());
      JobState state =
          live != null
              ? live.job(job.name())
              : stored.containsKey(job.name())
                  ? state(stored.get(job.name()), parents)
                  : pending(job.name(), parents, run.attempt());
      List<Integer> tried = attempts.getOrDefault(job.name(), new ArrayList<>());
      if (state.status() != JobStatus.PENDING && !tried.contains(state.attempt())) {
        tried.add(state.attempt());
      }
      jobs.add(JobView.of(state, tried, job));
    }
    return new RunDetail(
        run.id(),
        run.name(),
        // A final status only once the store has it: until the run's last record arrives,
        // retry would answer 409, the list would still say RUNNING and finishedAt is unset.
        live != null && !live.status().isFinal() ? live.status() : run.status(),
        run.attempt(),
        run.createdAt(),
        live != null && live.startedAt() != null
            ? Instant.ofEpochMilli(live.startedAt())
            : run.startedAt(),
        run.finishedAt(),
        specs.tree(run.specJson()),
        specs.tree(run.triggerJson()),
        run.error() != null ? run.error() : live != null ? live.error() : null,
        live != null && live.host() != null ? live.host() : run.host(),
        jobs,
        events.events(id),
        run.event(),
        run.branch());
  }

  /**
   * The workflow's live state, or null when no execution of the run answers: not started yet, lost
   * with an embedded engine that restarted, or held by a lost worker host (for a few seconds, until
   * Temporal hands it to another worker); the store answers meanwhile.
   */
  PipelineState live(String id) {
    try {
      return pipelines.liveState(id, LIVE_STATE_WAIT);
    } catch (WorkflowException noAnswer) {
      return null;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return null;
      }
      throw e;
    }
  }

  /** The final states of a finished run's jobs, for a retry to carry over. */
  List<JobState> lastStates(RunDetail detail) {
    return detail.jobs().stream()
        .map(
            j ->
                new JobState(
                    j.name(),
                    j.status(),
                    j.exitCode(),
                    j.attempt(),
                    millis(j.startedAt()),
                    millis(j.finishedAt()),
                    j.parents(),
                    j.error(),
                    j.host(),
                    j.cached(),
                    j.skipReason()))
        .toList();
  }

  JobState state(JobRow row, List<String> parents) {
    return new JobState(
        row.job(),
        row.status(),
        row.exitCode(),
        row.attempt(),
        millis(row.startedAt()),
        millis(row.finishedAt()),
        parents,
        row.error(),
        row.host(),
        row.cached(),
        row.skipReason());
  }

  private Map<String, List<Integer>> attemptsByJob(String id) {
    Map<String, List<Integer>> attempts = new TreeMap<>();
    for (JobRow row : jobRows.jobRows(id)) {
      if (row.status() != JobStatus.SKIPPED) {
        attempts.computeIfAbsent(row.job(), k -> new ArrayList<>()).add(row.attempt());
      }
    }
    return attempts;
  }

  private static JobState pending(String job, List<String> parents, int attempt) {
    return new JobState(job, JobStatus.PENDING, null, attempt, null, null, parents, null, null);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
