package dev.fastci.server.runs;

import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.ServiceSpec;
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
  private final ServiceRowsStore services;
  private final JobTriesStore tries;
  private final SpecDocuments specs;
  private final PipelineClient pipelines;

  public RunViews(
      RunStore store,
      JobRowsStore jobRows,
      RunEventsStore events,
      ServiceRowsStore services,
      JobTriesStore tries,
      SpecDocuments specs,
      PipelineClient pipelines) {
    this.store = store;
    this.jobRows = jobRows;
    this.events = events;
    this.services = services;
    this.tries = tries;
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
    StoredTries storedTries = live != null ? StoredTries.NONE : new StoredTries(tries.tries(id));
    List<JobView> jobs = new ArrayList<>();
    for (JobSpec job : spec.jobs()) {
      List<String> parents = spec.parentsOf(job.name());
      JobState state =
          live != null
              ? live.job(job.name())
              : stored.containsKey(job.name())
                  ? state(stored.get(job.name()), parents, storedTries, job.maxTries())
                  : pending(job.name(), parents, run.attempt(), job.maxTries());
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
        run.branch(),
        services(run, spec, live),
        specs.params(run),
        run.concurrencyGroup());
  }

  /** The services of the run's latest attempt: live while it goes on, else as stored. */
  private List<ServiceView> services(RunRow run, PipelineSpec spec, PipelineState live) {
    if (spec.services().isEmpty()) {
      return List.of();
    }
    Map<String, ServiceState> known = new TreeMap<>();
    if (live != null) {
      live.services().forEach(s -> known.put(s.name(), s));
    } else {
      known.putAll(services.services(run.id(), run.attempt()));
    }
    List<ServiceView> views = new ArrayList<>();
    for (ServiceSpec service : spec.services()) {
      ServiceState state =
          known.getOrDefault(
              service.name(),
              new ServiceState(
                  service.name(),
                  service.image(),
                  ServiceStatus.PENDING,
                  run.attempt(),
                  null,
                  null,
                  null,
                  null));
      views.add(ServiceView.of(state));
    }
    return views;
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

  /** The final states of a finished run's jobs (with their tries), for a retry to carry over. */
  List<JobState> lastStates(RunDetail detail) {
    StoredTries stored = new StoredTries(tries.tries(detail.id()));
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
                    j.skipReason(),
                    stored.of(j.name(), j.attempt()),
                    j.maxTries()))
        .toList();
  }

  /** The jobs of the run's attempt that ended, with their tries, for a resumed run to carry. */
  List<JobState> endedJobs(String id, int attempt) {
    StoredTries stored = new StoredTries(tries.tries(id));
    return jobRows.latestJobs(id).values().stream()
        .filter(row -> row.attempt() == attempt && row.status().isFinal())
        .map(row -> state(row, List.of(), stored, 1))
        .toList();
  }

  /** The tries of a job attempt: the latest attempt's from the run's detail, others' stored. */
  List<TryView> triesOf(RunDetail run, String job, int attempt) {
    JobView view = run.requireJob(job);
    if (attempt == view.attempt()) {
      return view.tries();
    }
    List<JobTry> ended = new StoredTries(tries.tries(run.id())).of(job, attempt);
    if (!ended.isEmpty()) {
      return ended.stream().map(TryView::of).toList();
    }
    return jobRows.jobRows(run.id()).stream()
        .filter(row -> row.job().equals(job) && row.attempt() == attempt)
        .findFirst()
        .map(row -> TryView.of(state(row, view.parents(), StoredTries.NONE, 1)))
        .orElse(List.of());
  }

  JobState state(JobRow row, List<String> parents, StoredTries stored, int maxTries) {
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
        row.skipReason(),
        stored.of(row.job(), row.attempt()),
        maxTries);
  }

  /** The stored tries of a run's job attempts. */
  record StoredTries(List<JobTriesStore.TryRow> rows) {
    static final StoredTries NONE = new StoredTries(List.of());

    List<JobTry> of(String job, int attempt) {
      return rows.stream()
          .filter(r -> r.job().equals(job) && r.attempt() == attempt)
          .map(JobTriesStore.TryRow::ended)
          .toList();
    }
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

  private static JobState pending(String job, List<String> parents, int attempt, int maxTries) {
    return new JobState(
        job,
        JobStatus.PENDING,
        null,
        attempt,
        null,
        null,
        parents,
        null,
        null,
        false,
        null,
        List.of(),
        maxTries);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
