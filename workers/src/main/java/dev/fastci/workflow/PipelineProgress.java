package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one run and the DAG rules over it: which jobs are ready, which are skipped
 * and why, and the pipeline's status. Deterministic (insertion-ordered), so the workflow can hold
 * it; free of Temporal, so it is tested on its own.
 */
final class PipelineProgress {
  private final String runId;
  private final PipelineSpec spec;
  private final int attempt;
  private final Map<String, JobProgress> jobs = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private PipelineStatus status = PipelineStatus.PENDING;
  private Long startedAt;
  private Long finishedAt;
  private String host;
  private String error;
  private final List<PipelineEvent> events = new ArrayList<>();

  PipelineProgress(PipelineRun run) {
    this.runId = run.runId();
    this.spec = run.spec();
    this.attempt = run.attempt();
    for (JobSpec job : spec.jobs()) {
      jobs.put(job.name(), new JobProgress(job, spec.parentsOf(job.name()), attempt));
      children.put(job.name(), new ArrayList<>());
    }
    spec.parents().forEach((child, parents) -> parents.forEach(p -> children.get(p).add(child)));
    run.carriedOver().forEach(this::carryOver);
    for (JobProgress job : jobs.values()) {
      if (job.status.isFinal() && job.status != JobStatus.SUCCEEDED) {
        skipDescendants(job.spec.name(), job.finishedAt == null ? 0 : job.finishedAt);
      }
    }
  }

  /** A job that ended in an earlier execution keeps its state and is not run again. */
  private void carryOver(JobState state) {
    JobProgress job = jobs.get(state.name());
    if (job == null || !state.status().isFinal()) {
      return;
    }
    job.status = state.status();
    job.exitCode = state.exitCode();
    job.attempt = state.attempt();
    job.startedAt = state.startedAt();
    job.finishedAt = state.finishedAt();
    job.error = state.error();
    job.host = state.host();
    job.cached = state.cached();
  }

  void started(String host, long now) {
    this.host = host;
    this.status = PipelineStatus.RUNNING;
    this.startedAt = now;
  }

  /** The run goes on on another host. */
  void movedTo(String host, PipelineEvent event) {
    this.host = host;
    events.add(event);
  }

  void event(PipelineEvent event) {
    events.add(event);
  }

  /** A RUNNING job that never got to run (its host did not take it) is PENDING again. */
  void requeue(String job) {
    JobProgress progress = jobs.get(job);
    progress.status = JobStatus.PENDING;
    progress.startedAt = null;
  }

  /** PENDING jobs whose parents all succeeded, in spec order. */
  List<JobSpec> readyJobs() {
    List<JobSpec> ready = new ArrayList<>();
    for (JobProgress job : jobs.values()) {
      if (job.status == JobStatus.PENDING
          && job.parents.stream().allMatch(p -> jobs.get(p).status == JobStatus.SUCCEEDED)) {
        ready.add(job.spec);
      }
    }
    return ready;
  }

  JobStatus statusOf(String job) {
    JobProgress progress = jobs.get(job);
    return progress == null ? null : progress.status;
  }

  boolean anyRunning() {
    return jobs.values().stream().anyMatch(j -> j.status == JobStatus.RUNNING);
  }

  void markRunning(String job, long now) {
    JobProgress progress = jobs.get(job);
    progress.status = JobStatus.RUNNING;
    progress.attempt = attempt;
    progress.startedAt = now;
    progress.finishedAt = null;
    progress.exitCode = null;
    progress.error = null;
    progress.cached = false;
  }

  /** A memoized job that succeeded without running: its recorded run was replayed. */
  void markCached(String job) {
    jobs.get(job).cached = true;
  }

  /** Records a job's end; a job that did not succeed skips all its PENDING descendants. */
  void markFinished(
      String job, JobStatus end, Integer exitCode, String error, String host, long now) {
    JobProgress progress = jobs.get(job);
    progress.status = end;
    progress.exitCode = exitCode;
    progress.error = error;
    progress.host = host;
    progress.finishedAt = now;
    if (end != JobStatus.SUCCEEDED) {
      skipDescendants(job, now);
    }
  }

  /** A PENDING job that will never start because it, or the whole run, was cancelled. */
  void cancelPending(String job, long now) {
    JobProgress progress = jobs.get(job);
    if (progress.status == JobStatus.PENDING) {
      markFinished(job, JobStatus.CANCELLED, null, null, null, now);
    }
  }

  void cancelAllPending(long now) {
    jobs.keySet().forEach(job -> cancelPending(job, now));
  }

  /** The run could not set up (host or pipeline dir): no job ran. */
  void failSetup(String error, long now) {
    this.error = error;
    if (startedAt == null) {
      startedAt = now;
    }
    for (JobProgress job : jobs.values()) {
      if (job.status == JobStatus.PENDING) {
        job.status = JobStatus.SKIPPED;
        job.finishedAt = now;
      }
    }
  }

  void finish(long now) {
    finishedAt = now;
    if (startedAt == null) {
      startedAt = now;
    }
    status = RunVerdict.of(error, jobs);
  }

  private void skipDescendants(String job, long now) {
    for (String child : children.get(job)) {
      JobProgress progress = jobs.get(child);
      if (progress.status == JobStatus.PENDING) {
        progress.status = JobStatus.SKIPPED;
        progress.finishedAt = now;
        skipDescendants(child, now);
      }
    }
  }

  String runId() {
    return runId;
  }

  JobState snapshotOf(String job) {
    return jobs.get(job).state();
  }

  PipelineState snapshot() {
    List<JobState> states = new ArrayList<>(jobs.size());
    for (JobProgress job : jobs.values()) {
      states.add(job.state());
    }
    return new PipelineState(
        runId, spec.name(), status, attempt, startedAt, finishedAt, host, error, states, events);
  }
}
