package dev.fastci.server.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.host.PipelineDirs;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.metrics.RunMeters;
import dev.fastci.spec.ConcurrencySpec;
import dev.fastci.spec.PipelineSpec;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What people do to runs that exist: cancel a run or a job, approve or reject an approval job or a
 * held run, retry a run's failed jobs or one job (as the next attempt). Each is audited. Starting
 * runs is {@link RunService}'s.
 */
@Service
public class RunControls {
  static final String EVICTED =
      "the run's pipeline dir was removed to keep the kept pipeline dirs within"
          + " fastci.retention.pipeline-dir-max-size; this attempt starts from a fresh one (a fresh"
          + " checkout in repo mode): what the succeeded jobs left there is gone";

  private final RunStore store;
  private final RunViews views;
  private final SpecDocuments specs;
  private final PipelineClient pipelines;
  private final RunRowJson json;
  private final FastciProperties properties;
  private final RunRecorder recorder;
  private final RunStarter starter;
  private final ConcurrencyGroups groups;
  private final HostAccess hostAccess;
  private final RunMeters meters;
  private final PipelineDirs pipelineDirs;
  private final AuditLog audit;

  public RunControls(
      RunStore store,
      RunViews views,
      SpecDocuments specs,
      PipelineClient pipelines,
      ObjectMapper json,
      FastciProperties properties,
      RunRecorder recorder,
      RunStarter starter,
      ConcurrencyGroups groups,
      RunMeters meters,
      AuditLog audit) {
    this.store = store;
    this.views = views;
    this.specs = specs;
    this.pipelines = pipelines;
    this.json = new RunRowJson(json);
    this.properties = properties;
    this.recorder = recorder;
    this.starter = starter;
    this.groups = groups;
    this.hostAccess = HostAccess.ofServer(properties);
    this.meters = meters;
    this.pipelineDirs = new PipelineDirs(properties.dataDir());
    this.audit = audit;
  }

  public void cancel(String id) {
    audit.recorded(
        Actor.current(),
        "run.cancel",
        "run " + id,
        id,
        () -> {
          RunRow run = unfinished(id, "cancel");
          if (ConcurrencyGroups.notStarted(run)) { // queued or held: its workflow never started
            groups.cancelNotStarted(run, null);
            return;
          }
          pipelines.cancel(run.id());
        });
  }

  public void cancelJob(String id, String job) {
    audit.recorded(
        Actor.current(),
        "job.cancel",
        "run " + id + " job " + job,
        id,
        () -> {
          RunRow run = unfinished(id, "cancel a job of");
          if (ConcurrencyGroups.notStarted(run)) {
            throw new RunConflictException(
                "run " + id + " is " + run.status() + ": cancel the run instead");
          }
          requireJob(run, job);
          pipelines.cancelJob(run.id(), job);
        });
  }

  /**
   * Approves or rejects a WAITING approval job: the run's workflow gets the decision as a signal.
   *
   * @param by who decided, as the server knows them
   * @param comment why, or null
   * @throws RunConflictException when the job does not wait for approval
   */
  public void decide(String id, String job, boolean approved, String by, String comment) {
    String action = approved ? "approve" : "reject";
    audit.recorded(
        Actor.current(),
        "job." + action,
        "run " + id + " job " + job,
        id,
        () -> signalDecision(id, job, approved, by, comment));
  }

  private void signalDecision(String id, String job, boolean approved, String by, String comment) {
    String action = approved ? "approve" : "reject";
    RunRow run = unfinished(id, action + " a job of");
    requireJob(run, job);
    JobStatus status =
        views.detail(id).jobs().stream()
            .filter(j -> j.name().equals(job))
            .map(JobView::status)
            .findFirst()
            .orElseThrow();
    if (status != JobStatus.WAITING) {
      throw new RunConflictException(
          "cannot "
              + action
              + " job "
              + job
              + " of run "
              + id
              + ": it is "
              + status
              + ", not WAITING for approval");
    }
    String why = comment == null || comment.isBlank() ? null : comment.strip();
    pipelines.workflow(run.id()).decide(new ApprovalDecision(job, approved, by, why));
  }

  /**
   * Approves or rejects a run held for approval (a pull request from a fork of a repository with
   * {@code approve_forks}): approved, it starts (or waits QUEUED behind its concurrency group);
   * rejected, it ends CANCELLED. Either way nothing of it had started before.
   *
   * @param by who decided, as the server knows them
   */
  public void decideRun(String id, boolean approved, String by) {
    String action = approved ? "approve" : "reject";
    audit.recorded(
        Actor.current(),
        "run." + action,
        "run " + id,
        id,
        () -> {
          RunRow run = unfinished(id, action);
          if (run.status() != PipelineStatus.WAITING) {
            throw new RunConflictException(
                "cannot "
                    + action
                    + " run "
                    + id
                    + ": it is "
                    + run.status()
                    + ", not WAITING for approval");
          }
          String decided = (approved ? "approved by " : "rejected by ") + by;
          groups.note(run, "run " + decided);
          if (!approved) {
            groups.cancelNotStarted(run, "run " + decided);
          } else if (!groups.approved(run, cancelsInProgress(run))) {
            throw new RunConflictException("run " + id + " was decided already");
          }
        });
  }

  /** The rule of the run's group: its pipeline's, or a pull request's default (cancels). */
  private boolean cancelsInProgress(RunRow run) {
    ConcurrencySpec own = specs.stored(run).concurrency();
    return own == null || own.cancelInProgress();
  }

  /** Re-runs every job that did not succeed, as the next attempt; returns that attempt. */
  public int retry(String id) {
    return audit.recorded(Actor.current(), "run.retry", "run " + id, id, () -> retryRun(id));
  }

  private int retryRun(String id) {
    RunRow run = finished(id);
    RunDetail detail = views.detail(id);
    List<JobState> carried = Retries.carriedByRunRetry(views.lastStates(detail));
    if (carried.size() == detail.jobs().size()) {
      throw new RunConflictException("every job of run " + id + " succeeded: nothing to retry");
    }
    return startAttempt(run, carried);
  }

  /** Re-runs one job and its descendants, as the next attempt; returns that attempt. */
  public int retryJob(String id, String job) {
    return audit.recorded(
        Actor.current(), "job.retry", "run " + id + " job " + job, id, () -> retryOneJob(id, job));
  }

  private int retryOneJob(String id, String job) {
    RunRow run = finished(id);
    PipelineSpec spec = requireJob(run, job);
    List<JobState> carried =
        Retries.carriedByJobRetry(spec, views.lastStates(views.detail(id)), job);
    return startAttempt(run, carried);
  }

  private int startAttempt(RunRow run, List<JobState> carried) {
    // the allowed roots, or where a link leads, may have changed since the run was submitted
    PipelineSpec spec = hostAccess.enforce(specs.stored(run), accessOf(run));
    if (spec.needsPipelineDir()
        && run.finishedAt() != null
        && run.finishedAt().plus(properties.retention().pipelineDir()).isBefore(Instant.now())) {
      throw new RunConflictException(
          "the pipeline dir of run "
              + run.id()
              + " was removed after "
              + properties.retention().pipelineDir()
              + "; start a new run instead");
    }
    int attempt = run.attempt() + 1;
    boolean evicted = spec.needsPipelineDir() && pipelineDirs.wasEvicted(run.id());
    store.startAttempt(run.id(), attempt, json.write(carried));
    if (evicted) {
      recorder.runEvent(run.id(), attempt, new PipelineEvent(System.currentTimeMillis(), EVICTED));
    }
    starter.begin(new PipelineRun(run.id(), spec, attempt, carried, run.host(), true), run);
    meters.runStarted();
    return attempt;
  }

  private RunRow unfinished(String id, String action) {
    RunRow run = views.row(id);
    if (run.status().isFinal()) {
      throw new RunConflictException(
          "cannot " + action + " run " + id + ": it already ended " + run.status());
    }
    return run;
  }

  private RunRow finished(String id) {
    RunRow run = views.row(id);
    if (!run.status().isFinal()) {
      throw new RunConflictException("run " + id + " is still " + run.status());
    }
    return run;
  }

  private PipelineSpec requireJob(RunRow run, String job) {
    PipelineSpec spec = specs.stored(run);
    if (spec.jobs().stream().noneMatch(j -> j.name().equals(job))) {
      throw new RunNotFoundException("run " + run.id() + " has no job " + job);
    }
    return spec;
  }

  private String accessOf(RunRow run) {
    return RunService.accessOf(json.triggerType(run), json.triggerFromRepo(run));
  }
}
