package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunRecorderActivities;
import dev.fastci.contract.ServiceState;
import dev.fastci.server.metrics.RunMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** Writes what the workflows report into the store (the activities of {@code fastci-server}). */
@Component
public class RunRecorder implements RunRecorderActivities {
  private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

  private final RunStore store;
  private final JobRowsStore jobs;
  private final RunEventsStore events;
  private final ServiceRowsStore services;
  private final JobTriesStore tries;
  private final RunMeters meters;
  private final ApplicationEventPublisher published;
  private final List<RunListener> listeners;

  public RunRecorder(
      RunStore store,
      JobRowsStore jobs,
      RunEventsStore events,
      ServiceRowsStore services,
      JobTriesStore tries,
      RunMeters meters,
      ApplicationEventPublisher published,
      List<RunListener> listeners) {
    this.store = store;
    this.jobs = jobs;
    this.events = events;
    this.services = services;
    this.tries = tries;
    this.meters = meters;
    this.published = published;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void runStarted(String runId, int attempt, String host, long startedAt) {
    store.markStarted(runId, attempt, host, Instant.ofEpochMilli(startedAt));
    changed(runId);
  }

  @Override
  @Transactional
  public void jobFinished(String runId, JobState job) {
    saveFinished(runId, job);
    changed(runId);
  }

  @Override
  @Transactional
  public void jobsFinished(String runId, List<JobState> ended) {
    ended.forEach(job -> saveFinished(runId, job));
    changed(runId);
  }

  private void saveFinished(String runId, JobState job) {
    jobs.saveJob(runId, job);
    if (job.status() != JobStatus.SKIPPED && job.startedAt() != null && job.finishedAt() != null) {
      meters.jobFinished(job.status(), Duration.ofMillis(job.finishedAt() - job.startedAt()));
    }
    saveTries(runId, job);
  }

  @Override
  public void tryEnded(String runId, String job, int attempt, JobTry ended) {
    tries.saveTry(runId, job, attempt, ended);
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
        saveTries(state.runId(), job);
      }
    }
    for (ServiceState service : state.services()) {
      services.save(state.runId(), service);
    }
    boolean ended =
        store.markFinished(
            state.runId(),
            state.attempt(),
            state.status(),
            state.error(),
            state.finishedAt() == null ? Instant.now() : Instant.ofEpochMilli(state.finishedAt()));
    if (ended) {
      meters.runFinished(state.status());
      queueWait(state);
      published.publishEvent(new RunEnded(state.runId())); // after the commit: ConcurrencyGroups
    }
  }

  /** From the submission to the first job's start, for a run's first attempt. */
  private void queueWait(PipelineState state) {
    if (state.attempt() != 1) {
      return;
    }
    state.jobs().stream()
        .filter(job -> job.startedAt() != null && !job.cached())
        .mapToLong(JobState::startedAt)
        .min()
        .ifPresent(
            first ->
                store
                    .find(state.runId())
                    .ifPresent(
                        run ->
                            meters.queueWait(
                                Duration.ofMillis(
                                    Math.max(0, first - run.createdAt().toEpochMilli())))));
  }

  /** The listeners hear of a run's end once the end is committed (its status readable). */
  @TransactionalEventListener(fallbackExecution = true)
  void ended(RunEnded ended) {
    changed(ended.runId());
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

  private void saveTries(String runId, JobState job) {
    for (JobTry ended : job.tries()) {
      tries.saveTry(runId, job.name(), job.attempt(), ended);
    }
  }
}
