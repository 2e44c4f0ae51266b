package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunRecorderActivities;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes what the workflows report into the store (the activities of {@code fastci-server}), then
 * tells the {@link RunListener}s.
 */
@Component
public class RunRecorder implements RunRecorderActivities {
  private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);
  private final RunStore store;
  private final JobRowsStore jobs;
  private final RunEventsStore events;
  private final List<RunListener> listeners;

  public RunRecorder(
      RunStore store, JobRowsStore jobs, RunEventsStore events, List<RunListener> listeners) {
    this.store = store;
    this.jobs = jobs;
    this.events = events;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void runStarted(String runId, int attempt, String host, long startedAt) {
    store.markStarted(runId, attempt, host, Instant.ofEpochMilli(startedAt));
    changed(runId);
  }

  @Override
  public void jobFinished(String runId, JobState job) {
    jobs.saveJob(runId, job);
    changed(runId);
  }

  @Override
  public void runEvent(String runId, int attempt, PipelineEvent event) {
    events.addEvent(
        runId, new RunEvent(Instant.ofEpochMilli(event.at()), attempt, event.message()));
  }

  @Override
  @Transactional
  public void runFinished(PipelineState state) {
    for (PipelineEvent event : state.events()) {
      runEvent(state.runId(), state.attempt(), event);
    }
    for (JobState job : state.jobs()) {
      if (job.status().isFinal()) {
        jobs.saveJob(state.runId(), job);
      }
    }
    store.markFinished(
        state.runId(),
        state.attempt(),
        state.status(),
        state.error(),
        state.finishedAt() == null ? Instant.now() : Instant.ofEpochMilli(state.finishedAt()));
    changed(state.runId());
  }

  /** A listener's trouble is its own: the record stands and the run goes on. */
  private void changed(String runId) {
    for (RunListener listener : listeners) {
      try {
        listener.runChanged(runId);
      } catch (RuntimeException e) {
        log.warn("run {}: {} failed: {}", runId, listener.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
