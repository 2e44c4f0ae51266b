package dev.fastci.server.runs;

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
  private final RunService runs;

  RunResumer(RunStore store, RunService runs, Engine engine) {
    this.store = store;
    this.runs = runs;
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
        runs.resume(id);
      } catch (RuntimeException e) {
        log.error("could not resume run {}; it stays unfinished until the next start", id, e);
      }
    }
  }
}
