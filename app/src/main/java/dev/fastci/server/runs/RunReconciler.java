package dev.fastci.server.runs;

import dev.fastci.client.ClosedExecution;
import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.FastciProperties;
import dev.fastci.util.DaemonThreads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives every run an end. A run the store lists as unfinished whose workflow has closed without
 * recording its end (a bug in its code, an activity that gave up, a terminate, an engine that lost
 * it) is recorded as ended: FAILED, with the reason as its error and as a run event; its jobs that
 * had not ended become ERROR (running) or SKIPPED (pending). What the run left on its host is then
 * the janitor's, since the run is no longer live.
 *
 * <p>A closed execution is acted on only when two sweeps in a row saw it closed for the same
 * attempt: a retry stores its new attempt just before it starts the new execution.
 */
@Component
public class RunReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunReconciler.class);

  private final RunStore store;
  private final RunViews views;
  private final RunRecorder recorder;
  private final PipelineClient pipelines;
  private final FastciProperties properties;
  private final Map<String, Integer> seenClosed = new HashMap<>();
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("fastci-run-reconciler");

  public RunReconciler(
      RunStore store,
      RunViews views,
      RunRecorder recorder,
      PipelineClient pipelines,
      FastciProperties properties) {
    this.store = store;
    this.views = views;
    this.recorder = recorder;
    this.pipelines = pipelines;
    this.properties = properties;
  }

  /** Sweeps every {@code fastci.runs.reconcile-every}, the first time one period after start. */
  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    long every = properties.runs().reconcileEvery().toMillis();
    timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("run reconciliation failed; it runs again later: {}", e.toString());
    }
  }

  /** One sweep; returns the ids of the runs it ended. */
  public synchronized List<String> sweep() {
    Set<String> unfinished = new HashSet<>(store.unfinishedIds());
    seenClosed.keySet().retainAll(unfinished);
    List<String> ended = new ArrayList<>();
    for (String id : unfinished) {
      Optional<RunRow> run = store.find(id);
      Optional<ClosedExecution> closed =
          run.isPresent() ? pipelines.closedExecution(id) : Optional.empty();
      if (closed.isEmpty()) {
        seenClosed.remove(id);
        continue;
      }
      int attempt = run.get().attempt();
      Integer before = seenClosed.put(id, attempt);
      if (before == null || before != attempt) {
        continue; // seen once: look again on the next sweep
      }
      seenClosed.remove(id);
      end(run.get(), closed.get());
      ended.add(id);
    }
    return ended;
  }

  private void end(RunRow run, ClosedExecution closed) {
    PipelineState last = closed.result() != null ? closed.result() : views.live(run.id());
    if (last != null && last.attempt() != run.attempt()) {
      last = null; // an earlier attempt's execution
    }
    if (closed.endedNormally() && last != null && last.status().isFinal()) {
      log.warn(
          "run {}: its workflow ended {} but its end was not recorded; recording it now",
          run.id(),
          last.status());
      recorder.runFinished(last);
      return;
    }
    String reason = closed.describe();
    log.error("run {} attempt {}: {}; the run ends FAILED", run.id(), run.attempt(), reason);
    long now = System.currentTimeMillis();
    List<JobState> jobs =
        views.lastStates(views.detail(run.id())).stream().map(job -> ended(job, now)).toList();
    List<PipelineEvent> events = new ArrayList<>(last == null ? List.of() : last.events());
    events.add(new PipelineEvent(now, reason));
    recorder.runFinished(
        new PipelineState(
            run.id(),
            run.name(),
            PipelineStatus.FAILED,
            run.attempt(),
            run.startedAt() == null ? null : run.startedAt().toEpochMilli(),
            now,
            run.host(),
            reason,
            jobs,
            events));
  }

  /** A job that had not ended when its run's workflow closed. */
  private static JobState ended(JobState job, long now) {
    if (job.status().isFinal()) {
      return job;
    }
    boolean ran = job.status() != JobStatus.PENDING;
    return new JobState(
        job.name(),
        ran ? JobStatus.ERROR : JobStatus.SKIPPED,
        null,
        job.attempt(),
        job.startedAt(),
        now,
        job.parents(),
        job.status() == JobStatus.WAITING
            ? "the run's workflow ended while the job waited for approval"
            : ran
                ? "the run's workflow ended while the job ran"
                : "the run's workflow ended before the job started",
        job.host(),
        false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
