package dev.fastci.workflow;

import dev.fastci.contract.ApprovalDecision;
import dev.fastci.contract.JobStatus;
import dev.fastci.spec.ApprovalSpec;
import dev.fastci.spec.JobSpec;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The run's approval jobs: one whose parents succeeded becomes WAITING, with a durable timer for
 * its timeout, until a person's decision (a signal) or the timer ends it. Approved, it SUCCEEDED;
 * rejected or timed out, it FAILED, and its descendants are skipped as after any failure.
 *
 * <p>Versioned with {@link #VERSION}: the timer is a command a history recorded before approvals
 * never had. Such a history has no approval job either (the field did not exist), so its replay
 * never asks.
 */
final class Approvals {
  static final String VERSION = "approval-gates";

  private final PipelineProgress progress;
  private final JobEnds ends;
  private final RunEvents events;
  private final Map<String, CancellationScope> timers = new HashMap<>();
  private final Queue<ApprovalDecision> decided = new ArrayDeque<>();

  Approvals(PipelineProgress progress, JobEnds ends, RunEvents events) {
    this.progress = progress;
    this.ends = ends;
    this.events = events;
  }

  /** The approval job waits for a person, at most its timeout. */
  void await(JobSpec job) {
    String name = job.name();
    long now = Workflow.currentTimeMillis();
    if (Workflow.getVersion(VERSION, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      progress.markFinished(
          name, JobStatus.ERROR, null, "approval jobs need a newer FastCI", null, now);
      ends.recorded(name);
      return;
    }
    ApprovalSpec approval = job.approval();
    progress.markWaiting(name, now);
    events.event(name + " waits for approval: " + approval.message());
    events.recordJobs(); // the store shows what ended before a wait of maybe days
    Duration timeout = Duration.ofMillis(Math.round(approval.timeoutSecs() * 1000));
    CancellationScope timer =
        Workflow.newCancellationScope(
            () ->
                Workflow.newTimer(timeout)
                    .handle(
                        (fired, cancelled) -> {
                          if (cancelled == null) {
                            decided.add(new ApprovalDecision(name, false, null, null));
                          }
                          return null;
                        }));
    timers.put(name, timer);
    timer.run();
  }

  /** A person's decision; applied by the run's loop, which it wakes. */
  void decide(ApprovalDecision decision) {
    String by = decision.by() == null || decision.by().isBlank() ? "someone" : decision.by();
    decided.add(new ApprovalDecision(decision.job(), decision.approved(), by, decision.comment()));
  }

  boolean anyDecided() {
    return !decided.isEmpty();
  }

  /**
   * Ends the WAITING jobs that were decided (or timed out), in the order the decisions came; a
   * decision for a job that does not wait (not yet, or no more) changes nothing.
   */
  void applyDecisions() {
    ApprovalDecision decision;
    while ((decision = decided.poll()) != null) {
      String job = decision.job();
      if (progress.statusOf(job) != JobStatus.WAITING) {
        continue;
      }
      stopTimer(job);
      long now = Workflow.currentTimeMillis();
      if (decision.by() == null) {
        String error = "not approved within " + timeoutOf(job);
        events.event(job + " " + error);
        progress.markFinished(job, JobStatus.FAILED, null, error, null, now);
      } else {
        events.event(decision.describe());
        progress.markFinished(
            job,
            decision.approved() ? JobStatus.SUCCEEDED : JobStatus.FAILED,
            null,
            decision.approved() ? null : decision.describe(),
            null,
            now);
      }
      ends.recorded(job);
    }
  }

  /** A cancel of the job: it is never decided. */
  void cancel(String job) {
    stopTimer(job);
    progress.cancelPending(job, Workflow.currentTimeMillis());
    ends.recorded(job);
  }

  private void stopTimer(String job) {
    CancellationScope timer = timers.remove(job);
    if (timer != null) {
      timer.cancel();
    }
  }

  private String timeoutOf(String job) {
    double secs = progress.specOf(job).approval().timeoutSecs();
    return secs == Math.rint(secs) ? (long) secs + "s" : secs + "s";
  }
}
