package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunRecorderActivities;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;

/**
 * Tells what happens to a run: into its live state (what the query answers) and, for a run a server
 * owns, into the server's store through {@link RunRecording}.
 */
final class RunEvents {
  private final PipelineRun run;
  private final PipelineProgress progress;
  private final RunRecording recorder;

  RunEvents(PipelineRun run, PipelineProgress progress) {
    this.run = run;
    this.progress = progress;
    this.recorder = run.serverManaged() ? new RunRecording() : null;
  }

  /** Something that happened to the run besides its jobs' states. */
  void event(String message) {
    PipelineEvent event = new PipelineEvent(now(), message);
    progress.event(event);
    record(r -> r.runEvent(run.runId(), run.attempt(), event));
  }

  /** The run set up on its host and starts its jobs. */
  void started(String hostId) {
    progress.started(hostId, now());
    record(r -> r.runStarted(run.runId(), run.attempt(), hostId, now()));
  }

  /** The run goes on on another host, for the reason the message gives. */
  void movedTo(String hostId, String message) {
    PipelineEvent event = new PipelineEvent(now(), message);
    progress.movedTo(hostId, event);
    Long startedAt = progress.snapshot().startedAt();
    long since = startedAt == null ? now() : startedAt;
    record(r -> r.runEvent(run.runId(), run.attempt(), event));
    record(r -> r.runStarted(run.runId(), run.attempt(), hostId, since));
  }

  /** A try of a running job ended and Temporal runs another (the job's activity said so). */
  void tryEnded(String job, int attempt, JobTry ended) {
    if (progress.tryEnded(job, attempt, ended)) {
      record(r -> r.tryEnded(run.runId(), job, attempt, ended));
    }
  }

  /** A job reached its final state. */
  void jobFinished(String job) {
    if (recorder != null) {
      JobState state = progress.snapshotOf(job);
      recorder.send(r -> r.jobFinished(run.runId(), state));
    }
  }

  /** The run's end: its final state, recorded once every earlier record has arrived. */
  PipelineState finish() {
    progress.finish(now());
    PipelineState end = progress.snapshot();
    if (recorder != null) {
      recorder.finish(end);
    }
    return end;
  }

  private void record(Consumer<RunRecorderActivities> event) {
    if (recorder != null) {
      recorder.send(event);
    }
  }

  static long now() {
    return Workflow.currentTimeMillis();
  }
}
