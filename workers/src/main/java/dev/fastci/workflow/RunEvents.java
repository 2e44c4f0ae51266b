package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunRecorderActivities;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells what happens to a run: into its live state (what the query answers) and, for a run a server
 * owns, into the server's store through {@link RunRecording}.
 *
 * <p>Since version {@code batched-job-records} 1 the jobs' ends go to the store {@value
 * #JOB_RECORD_BATCH} at a time, and all that are left when the run waits for an approval or ends:
 * one record per job made a 1,000-job chain use 23% of a cluster's event limit (each record is an
 * activity and a workflow task). The store may then lag behind the live state (the query), which
 * the run page and the API read while the run goes on; a job that ended but is not in the store
 * when the server resumes the run is not run twice, its activity answers from the job's result
 * file.
 */
final class RunEvents {
  /** Versions the batched job records: histories recorded before record each job's end. */
  static final String BATCHED_JOB_RECORDS = "batched-job-records";

  /** How many jobs' ends go to the store in one record. */
  static final int JOB_RECORD_BATCH = 20;

  private final PipelineRun run;
  private final PipelineProgress progress;
  private final RunRecording recorder;
  private final boolean batched;
  private final List<JobState> unrecorded = new ArrayList<>();

  /**
   * @param batched version {@code batched-job-records} 1: the jobs' ends are recorded in batches
   */
  RunEvents(PipelineRun run, PipelineProgress progress, boolean batched) {
    this.run = run;
    this.progress = progress;
    this.recorder = run.serverManaged() ? new RunRecording() : null;
    this.batched = batched;
  }

  /** Something that happened to the run besides its jobs' states. */
  void event(String message) {
    PipelineEvent event = new PipelineEvent(now(), message);
    progress.event(event);
    record(r -> r.runEvent(run.runId(), run.attempt(), event));
  }

  /** The run got its host; it started at {@code at} (its setup's start, or its jobs'). */
  void started(String hostId, long at) {
    progress.started(hostId, at);
    record(r -> r.runStarted(run.runId(), run.attempt(), hostId, at));
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
    if (recorder == null) {
      return;
    }
    JobState state = progress.snapshotOf(job);
    if (!batched) {
      recorder.send(r -> r.jobFinished(run.runId(), state));
      return;
    }
    unrecorded.add(state);
    if (unrecorded.size() >= JOB_RECORD_BATCH) {
      recordJobs();
    }
  }

  /** Sends the jobs' ends not sent yet (the run is about to wait a long while, or ends). */
  void recordJobs() {
    if (recorder == null || unrecorded.isEmpty()) {
      return;
    }
    List<JobState> batch = List.copyOf(unrecorded);
    unrecorded.clear();
    recorder.send(r -> r.jobsFinished(run.runId(), batch));
  }

  /** The run's end: its final state, recorded once every earlier record has arrived. */
  PipelineState finish() {
    progress.finish(now());
    PipelineState end = progress.snapshot();
    if (recorder != null) {
      recordJobs();
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
