package dev.fastci.server.schedules;

import dev.fastci.contract.RunIds;
import dev.fastci.contract.ScheduleActivities;
import dev.fastci.contract.ScheduleFire;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the run of a schedule's fire (the activity its workflow calls on {@code fastci-server}).
 * The fire is recorded with its run id before the run starts, so a fire tried again after a crash
 * starts that run, and never a second one.
 */
@Component
class ScheduleFiring implements ScheduleActivities {
  private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);

  private final ScheduleStore store;
  private final RunService runs;
  private final RunStore runStore;

  ScheduleFiring(ScheduleStore store, RunService runs, RunStore runStore) {
    this.store = store;
    this.runs = runs;
    this.runStore = runStore;
  }

  @Override
  public ScheduleFire fire(String scheduleId, long dueAt) {
    Optional<Schedule> found = store.find(scheduleId);
    if (found.isEmpty()) {
      return ScheduleFire.gone();
    }
    Schedule schedule = found.get();
    Instant due = Instant.ofEpochMilli(dueAt);
    Optional<ScheduleStore.Fire> earlier = store.fire(scheduleId, due);
    if (earlier.isEmpty() && schedule.paused()) {
      return ScheduleFire.skipped("paused");
    }
    if (earlier.isPresent() && earlier.get().runId() == null) {
      return ScheduleFire.skipped(earlier.get().error());
    }
    String runId = earlier.map(ScheduleStore.Fire::runId).orElseGet(RunIds::newId);
    store.claimFire(scheduleId, due, runId, Instant.now());
    ScheduleFire fire = start(schedule, due, runId);
    store.fired(scheduleId, due);
    return fire;
  }

  /**
   * Starts the schedule's run now, outside its cron times ("Run now"), paused or not; the run is
   * one of its fires, and its next fire stays where it was.
   *
   * @throws InvalidSpecException when the server no longer takes its spec: no run, nothing recorded
   */
  String runNow(Schedule schedule) {
    Instant now = Instant.now();
    Trigger trigger = trigger(schedule, now, true);
    String runId =
        runs.submit(
            schedule.specJson(), SpecFormat.JSON, trigger, trigger.facts(schedule.branch(), null));
    store.claimFire(schedule.id(), now, runId, now);
    store.trimFires(schedule.id());
    log.info("schedule {} ({}) started run {} now", schedule.id(), schedule.pipeline(), runId);
    return runId;
  }

  private ScheduleFire start(Schedule schedule, Instant due, String runId) {
    if (!runStore.existingIds(List.of(runId)).isEmpty()) {
      return ScheduleFire.started(runId); // it started before this try
    }
    Trigger trigger = trigger(schedule, due, false);
    try {
      runs.submitAs(
          runId,
          schedule.specJson(),
          SpecFormat.JSON,
          trigger,
          trigger.facts(schedule.branch(), null));
      log.info("schedule {} ({}) started run {}", schedule.id(), schedule.pipeline(), runId);
      return ScheduleFire.started(runId);
    } catch (InvalidSpecException refused) {
      // the server's settings changed since (a secret, the allowed roots): no run this time
      String why = "not started: " + refused.getMessage();
      log.warn("schedule {} ({}) {}", schedule.id(), schedule.pipeline(), why);
      store.refuseFire(schedule.id(), due, why);
      return ScheduleFire.skipped(why);
    }
  }

  /**
   * The run's trigger: {@code schedule} with the schedule's id and cron, the fire's due time, and
   * {@code now: "true"} for a "Run now".
   */
  private static Trigger trigger(Schedule schedule, Instant due, boolean now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("schedule", schedule.id());
    details.put("cron", schedule.cron());
    details.put("due", due.toString());
    if (now) {
      details.put("now", "true");
    }
    if (schedule.repo() != null) {
      details.put("repo", schedule.repo());
      details.put("file", schedule.file());
    }
    return new Trigger("schedule", details);
  }
}
