package dev.fastci.server.schedules;

import dev.fastci.client.ScheduleClient;
import dev.fastci.worker.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start, gives every schedule that is not paused its workflow: the embedded Temporal forgot them
 * all, a cluster kept them (then this changes nothing). A fire that fell due while the server was
 * down fires once, at once. The same after the embedded Temporal was replaced by a fresh
 * generation, which knows none of the old one's workflows.
 */
@Component
class ScheduleResumer {
  private static final Logger log = LoggerFactory.getLogger(ScheduleResumer.class);
  private final ScheduleStore store;
  private final ScheduleClient clocks;

  ScheduleResumer(ScheduleStore store, ScheduleClient clocks, Engine engine) {
    this.store = store;
    this.clocks = clocks;
    engine.onRecycle(recycle -> resumeSchedules());
  }

  @EventListener(ApplicationReadyEvent.class)
  void resumeSchedules() {
    int started = 0;
    for (Schedule schedule : store.all()) {
      if (schedule.paused()) {
        continue; // resuming it starts its workflow
      }
      try {
        if (clocks.ensureRunning(schedule.clock())) {
          started++;
        }
      } catch (RuntimeException e) {
        log.error("could not start the workflow of schedule {}", schedule.id(), e);
      }
    }
    if (started > 0) {
      log.info("started the workflows of {} schedule(s)", started);
    }
  }
}
