package dev.fastci.workflow;

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

  PipelineProgress(String runId, PipelineSpec spec, int attempt) {
    this.runId = runId;
    this.spec = spec;
    this.attempt = attempt;
    for (JobSpec job : spec.jobs()) {
      jobs.put(job.name(), new JobProgress(job, spec.parentsOf(job.name()), attempt));
      children.put(job.name(), new ArrayList<>());
    }
    spec.parents().forEach((child, parents) -> parents.forEach(p -> children.get(p).add(child)));
  }

  void started(String host, long now) {
    this.host = host;
    this.status = PipelineStatus.RUNNING;
    this.startedAt = now;
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
    progress.startedAt = now;
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
      skipDescendants(job, end == JobStatus.CANCELLED);
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
    status = finalStatus();
  }

  private PipelineStatus finalStatus() {
    if (error != null) {
      return PipelineStatus.FAILED;
    }
    boolean allSucceeded = true;
    for (JobProgress job : jobs.values()) {
      switch (job.status) {
        case SUCCEEDED -> {}
        case CANCELLED -> allSucceeded = false;
        case SKIPPED -> {
          if (!job.skippedByCancel) {
            return PipelineStatus.FAILED;
          }
          allSucceeded = false;
        }
        default -> {
          return PipelineStatus.FAILED;
        }
      }
    }
    return allSucceeded ? PipelineStatus.SUCCEEDED : PipelineStatus.CANCELLED;
  }

  private void skipDescendants(String job, boolean byCancel) {
    for (String child : children.get(job)) {
      JobProgress progress = jobs.get(child);
      if (progress.status == JobStatus.PENDING) {
        progress.status = JobStatus.SKIPPED;
        progress.skippedByCancel = byCancel;
        skipDescendants(child, byCancel);
      } else if (progress.status == JobStatus.SKIPPED && progress.skippedByCancel && !byCancel) {
        progress.skippedByCancel = false; // a failure upstream outweighs a cancellation
        skipDescendants(child, false);
      }
    }
  }

  PipelineState snapshot() {
    List<JobState> states = new ArrayList<>(jobs.size());
    for (JobProgress job : jobs.values()) {
      states.add(
          new JobState(
              job.spec.name(),
              job.status,
              job.exitCode,
              job.attempt,
              job.startedAt,
              job.finishedAt,
              job.parents,
              job.error,
              job.host));
    }
    return new PipelineState(
        runId, spec.name(), status, attempt, startedAt, finishedAt, host, error, states);
  }

  private static final class JobProgress {
    final JobSpec spec;
    final List<String> parents;
    final int attempt;
    JobStatus status = JobStatus.PENDING;
    boolean skippedByCancel;
    Integer exitCode;
    Long startedAt;
    Long finishedAt;
    String error;
    String host;

    JobProgress(JobSpec spec, List<String> parents, int attempt) {
      this.spec = spec;
      this.parents = List.copyOf(parents);
      this.attempt = attempt;
    }
  }
}
