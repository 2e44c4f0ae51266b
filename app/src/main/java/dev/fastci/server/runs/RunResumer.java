package dev.fastci.server.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobState;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.worker.Engine;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On start, resumes every run the store says is unfinished: after a stop or a kill -9 the embedded
 * Temporal has forgotten them, but the store and the containers have not. The same happens to the
 * runs that were going when the embedded Temporal was replaced by a fresh generation.
 */
@Component
class RunResumer {
  private static final Logger log = LoggerFactory.getLogger(RunResumer.class);
  private final RunStore store;
  private final RunViews views;
  private final SpecDocuments specs;
  private final RunRowJson json;
  private final RunRecorder recorder;
  private final RunStarter starter;

  RunResumer(
      RunStore store,
      RunViews views,
      SpecDocuments specs,
      ObjectMapper json,
      RunRecorder recorder,
      RunStarter starter,
      Engine engine) {
    this.store = store;
    this.views = views;
    this.specs = specs;
    this.json = new RunRowJson(json);
    this.recorder = recorder;
    this.starter = starter;
    engine.onRecycle(recycle -> resume(recycle.movedRunIds()));
  }

  /** Before the janitor's first sweep (which leaves unfinished runs alone anyway). */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE - 1)
  void resumeUnfinishedRuns() {
    resume(store.unfinishedIds());
  }

  /** Resumes those of the runs that the store still lists as unfinished. */
  private void resume(List<String> ids) {
    java.util.Set<String> unfinished = new java.util.HashSet<>(store.unfinishedIds());
    for (String id : ids) {
      if (!unfinished.contains(id)) {
        continue; // its end was recorded just before the engine was switched
      }
      try {
        resume(id);
      } catch (RuntimeException e) {
        log.error("could not resume run {}; it stays unfinished until the next start", id, e);
      }
    }
  }

  /**
   * Starts an unfinished run again after a restart: jobs that ended stay as they are, the others
   * run under the same attempt, so a job whose container still runs is re-attached.
   */
  private void resume(String id) {
    RunRow run = store.find(id).orElseThrow();
    PipelineState live = views.live(id);
    if (live != null) {
      if (live.status().isFinal()) {
        recorder.runFinished(live); // the workflow ended but its last record did not arrive
      }
      return; // an external cluster kept the workflow: it simply goes on
    }
    List<JobState> carried = new java.util.ArrayList<>(json.carried(run));
    carried.addAll(views.endedJobs(id, run.attempt()));
    log.info(
        "resuming run {} attempt {} ({} jobs already ended)", id, run.attempt(), carried.size());
    starter.begin(
        new PipelineRun(id, specs.stored(run), run.attempt(), carried, run.host(), true), run);
  }
}
