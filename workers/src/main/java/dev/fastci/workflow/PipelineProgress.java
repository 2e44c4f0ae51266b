package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
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
  private final boolean conditions;
  private final ServiceBoard services;
  private PipelineStatus status = PipelineStatus.PENDING;
  private Long startedAt;
  private Long finishedAt;
  private String host;
  private String error;
  private final List<PipelineEvent> events = new ArrayList<>();

  /**
   * @param conditions whether the run's conditions, services and retries apply (executions recorded
   *     the language's second version replay without them)
   * @param now the workflow's time, for jobs skipped at the start
   */
  PipelineProgress(PipelineRun run, boolean conditions, long now) {
    this.runId = run.runId();
    this.spec = run.spec();
    this.attempt = run.attempt();
    this.conditions = conditions;
    this.services = new ServiceBoard(conditions ? spec.services() : List.of(), attempt);
    for (JobSpec job : spec.jobs()) {
      int maxTries = conditions ? job.maxTries() : 1;
      jobs.put(job.name(), new JobProgress(job, spec.parentsOf(job.name()), attempt, maxTries));
    }
    for (JobState state : run.carriedOver()) {
      JobProgress job = jobs.get(state.name());
      if (job != null) {
        job.carryOver(state);
      }
    }
    for (JobProgress job : jobs.values()) {
      if (job.status == JobStatus.SKIPPED && job.skipCause == null) {
        job.skipCause = JobGate.inferredCause(job, jobs);
      }
    }
    if (conditions) {
      run.conditionSkips()
          .forEach(
              (job, reason) -> {
                JobProgress progress = jobs.get(job);
                if (progress != null) {
                  progress.skipByCondition(reason, now);
                }
              });
    }
    settle(now);
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

  /** PENDING jobs whose parents allow them to start, in spec order. */
  List<JobSpec> readyJobs() {
    List<JobSpec> ready = new ArrayList<>();
    for (JobProgress job : jobs.values()) {
      if (job.status == JobStatus.PENDING && gate(job).run()) {
        ready.add(job.spec);
      }
    }
    return ready;
  }

  JobSpec specOf(String job) {
    return jobs.get(job).spec;
  }

  JobStatus statusOf(String job) {
    JobProgress progress = jobs.get(job);
    return progress == null ? null : progress.status;
  }

  boolean anyRunning() {
    return jobs.values().stream().anyMatch(j -> j.status == JobStatus.RUNNING);
  }

  /** A job runs, or an approval job waits for a person. */
  boolean anyActive() {
    return jobs.values().stream()
        .anyMatch(j -> j.status == JobStatus.RUNNING || j.status == JobStatus.WAITING);
  }

  /** An approval job whose parents succeeded now waits for a person. */
  void markWaiting(String job, long now) {
    markRunning(job, now);
    jobs.get(job).status = JobStatus.WAITING;
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

  /** How many tries each attempt of the job gets. */
  int maxTriesOf(String job) {
    return jobs.get(job).maxTries;
  }

  /** A try of a running job's attempt ended, and Temporal runs another; false when stale. */
  boolean tryEnded(String job, int attempt, JobTry ended) {
    JobProgress progress = jobs.get(job);
    if (progress == null || progress.status != JobStatus.RUNNING || progress.attempt != attempt) {
      return false;
    }
    progress.tryEnded(ended);
    return true;
  }

  /** Every try of the attempt that ended the job, as its activity listed them. */
  void triesEnded(String job, List<JobTry> tries) {
    if (!tries.isEmpty()) {
      jobs.get(job).tries = new ArrayList<>(tries);
    }
  }

  /** A memoized job that succeeded without running: its recorded run was replayed. */
  void markCached(String job) {
    jobs.get(job).cached = true;
  }

  /** Records a job's end; the PENDING jobs it decides are skipped (see {@link JobGate}). */
  void markFinished(
      String job, JobStatus end, Integer exitCode, String error, String host, long now) {
    JobProgress progress = jobs.get(job);
    progress.status = end;
    progress.exitCode = exitCode;
    progress.error = error;
    progress.host = host;
    progress.finishedAt = now;
    settle(now);
  }

  /**
   * A PENDING job that will never start, or a WAITING approval that will never be decided, because
   * it or the whole run was cancelled.
   */
  void cancelPending(String job, long now) {
    JobProgress progress = jobs.get(job);
    if (progress.status == JobStatus.PENDING || progress.status == JobStatus.WAITING) {
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

  /**
   * Skips every PENDING job whose gate says so, until none is left to skip: a job that did not
   * succeed skips its descendants that need it to, a condition's skip reaches the jobs after it.
   */
  private void settle(long now) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (JobProgress job : jobs.values()) {
        if (job.status != JobStatus.PENDING) {
          continue;
        }
        JobGate.Decision decision = gate(job);
        if (decision.skips()) {
          job.status = JobStatus.SKIPPED;
          job.finishedAt = now;
          job.skipReason = decision.skipReason();
          job.skipCause = decision.cause();
          changed = true;
        }
      }
    }
  }

  /** The gate of a job; without conditions (older executions), as if every status were success. */
  private JobGate.Decision gate(JobProgress job) {
    return JobGate.decide(job, jobs, conditions);
  }

  String runId() {
    return runId;
  }

  /** The run's services, which gate the jobs that list them. */
  ServiceBoard services() {
    return services;
  }

  JobState snapshotOf(String job) {
    return jobs.get(job).state();
  }

  PipelineState snapshot() {
    List<JobState> states = new ArrayList<>(jobs.size());
    for (JobProgress job : jobs.values()) {
      states.add(job.state());
    }
    boolean waiting =
        status == PipelineStatus.RUNNING
            && jobs.values().stream().anyMatch(j -> j.status == JobStatus.WAITING)
            && !anyRunning();
    return new PipelineState(
        runId,
        spec.name(),
        waiting ? PipelineStatus.WAITING : status,
        attempt,
        startedAt,
        finishedAt,
        host,
        error,
        states,
        events,
        services.states());
  }
}
