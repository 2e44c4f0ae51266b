package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.spec.JobSpec;
import java.util.List;

/** One job's mutable state within {@link PipelineProgress}. */
final class JobProgress {
  final JobSpec spec;
  final List<String> parents;
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

  JobProgress(JobSpec spec, List<String> parents, int attempt) {
    this.spec = spec;
    this.parents = List.copyOf(parents);
    this.attempt = attempt;
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
        skipReason);
  }
}
