package dev.fastci.server.schedules;

import dev.fastci.client.ScheduleClient;
import dev.fastci.contract.RunIds;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.spec.PipelineSpec;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, pauses, resumes and deletes schedules: the store keeps each, and each has a
 * workflow in Temporal that fires it ({@link ScheduleClient}). Every change goes through here.
 */
@Service
public class Schedules {
  private final ScheduleStore store;
  private final ScheduleClient clocks;
  private final RunService runs;
  private final SpecDocuments specs;
  private final ScheduleFiring firing;

  Schedules(
      ScheduleStore store,
      ScheduleClient clocks,
      RunService runs,
      SpecDocuments specs,
      ScheduleFiring firing) {
    this.store = store;
    this.clocks = clocks;
    this.runs = runs;
    this.specs = specs;
    this.firing = firing;
  }

  /**
   * Takes a schedule made through the API or the Schedules page; its spec is checked as a submitted
   * run's is.
   *
   * @throws dev.fastci.spec.InvalidSpecException with every problem by path ({@code cron}, {@code
   *     timezone}, {@code spec.jobs[0].image}, ...)
   */
  @Transactional
  public Schedule create(ScheduleRequest request) {
    PipelineSpec spec = request.check(runs);
    Instant now = Instant.now();
    Schedule schedule =
        new Schedule(
            RunIds.newId(),
            spec.name(),
            specs.toJson(request.specText(), request.format()),
            request.cron(),
            request.timezone(),
            request.branch(),
            Schedule.Source.API,
            null,
            null,
            null,
            false,
            now,
            now,
            now);
    store.insert(schedule);
    clocks.define(schedule.clock()); // a failure here rolls the row back
    return schedule;
  }

  public List<Schedule> list() {
    return store.all();
  }

  public Schedule get(String id) {
    return store.find(id).orElseThrow(() -> new NoSuchScheduleException(id));
  }

  /** Its newest fires, newest first. */
  List<ScheduleStore.Fire> lastFires(String id, int limit) {
    return store.lastFires(id, limit);
  }

  /** How the API and the Schedules page show it: its next fire and its newest fires. */
  public ScheduleView view(Schedule schedule) {
    return ScheduleView.of(
        schedule, store.lastFires(schedule.id(), ScheduleView.LAST_RUNS), Instant.now());
  }

  /** The schedules that a repository's pipeline files keep ({@code on.schedule}), by pipeline. */
  public List<ScheduleView> ofRepo(String repo) {
    return list().stream().filter(s -> repo.equals(s.repo())).map(this::view).toList();
  }

  /** Every schedule as {@link #view} shows it, by pipeline. */
  public List<ScheduleView> views() {
    return list().stream().map(this::view).toList();
  }

  /** It fires no more until resumed. */
  @Transactional
  public Schedule pause(String id) {
    Schedule schedule = get(id);
    store.setPaused(id, true, schedule.firesAfter(), Instant.now());
    Schedule paused = get(id);
    clocks.define(paused.clock());
    return paused;
  }

  /** It fires again, at its cron times from now on: the times it was paused are not made up for. */
  @Transactional
  public Schedule resume(String id) {
    get(id);
    Instant now = Instant.now();
    store.setPaused(id, false, now, now);
    Schedule resumed = get(id);
    clocks.define(resumed.clock());
    return resumed;
  }

  /**
   * Starts its run now, as a fire would (event {@code schedule}, its branch), paused or not; its
   * cron times stay as they were.
   *
   * @return the run's id
   * @throws dev.fastci.spec.InvalidSpecException when the server no longer takes its spec
   */
  public String runNow(String id) {
    return firing.runNow(get(id));
  }

  /**
   * Deletes a schedule made through the API; a repository's schedule goes when its entry leaves the
   * file.
   *
   * @throws RunConflictException for a repository's schedule
   */
  @Transactional
  public void delete(String id) {
    Schedule schedule = get(id);
    if (schedule.source() == Schedule.Source.REPO) {
      throw new RunConflictException(
          "schedule "
              + id
              + " comes from "
              + schedule.file()
              + " of "
              + schedule.repo()
              + ": remove its on.schedule entry there, or pause it");
    }
    store.delete(id);
    clocks.stop(id);
  }
}
