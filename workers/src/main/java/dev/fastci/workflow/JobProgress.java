package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;

/** One job's mutable state within {@link PipelineProgress}. */
final class JobProgress {
  final JobSpec spec;
  final List<String> parents;
  final int maxTries;
  int attempt;
  JobStatus status = JobStatus.PENDING;
  Integer exitCode;
  Long startedAt;
  Long finishedAt;
  String error;
  String host;
  boolean cached;
  String skipReason;
  JobGate.Cause skipCause;
  List<JobTry> tries = new ArrayList<>();

  /**
   * @param maxTries the tries each attempt of the job gets (its {@code retry}, when it applies)
   */
  JobProgress(JobSpec spec, List<String> parents, int attempt, int maxTries) {
    this.spec = spec;
    this.parents = List.copyOf(parents);
    this.attempt = attempt;
    this.maxTries = maxTries;
  }

  /**
   * A try of the running attempt ended. A try numbered again (the tries started over on another
   * host) replaces the ones from its number on.
   */
  void tryEnded(JobTry ended) {
    tries.removeIf(t -> t.number() >= ended.number());
    tries.add(ended);
  }

  JobState state() {
    return new JobState(
        spec.name(),
        status,
        exitCode,
        attempt,
        startedAt,
        finishedAt,
        parents,
        error,
        host,
        cached,
        skipReason,
        tries,
        maxTries);
  }

  /** A job that ended in an earlier execution keeps its state and is not run again. */
  void carryOver(JobState state) {
    if (!state.status().isFinal()) {
      return;
    }
    status = state.status();
    exitCode = state.exitCode();
    attempt = state.attempt();
    startedAt = state.startedAt();
    finishedAt = state.finishedAt();
    error = state.error();
    host = state.host();
    cached = state.cached();
    skipReason = state.skipReason();
    tries = new ArrayList<>(state.tries());
  }

  /** The run's condition skips the job (unless it succeeded in an earlier attempt). */
  void skipByCondition(String reason, long now) {
    if (status == JobStatus.SUCCEEDED) {
      return;
    }
    status = JobStatus.SKIPPED;
    skipReason = reason;
    skipCause = JobGate.Cause.CONDITION;
    finishedAt = finishedAt == null ? now : finishedAt;
  }
}
