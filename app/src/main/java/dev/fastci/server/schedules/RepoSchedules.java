package dev.fastci.server.schedules;

import dev.fastci.client.ScheduleClient;
import dev.fastci.contract.RunIds;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.ScheduleSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code on.schedule} entries of a repository's pipeline files. An entry is registered when its
 * file reaches the entry's branch (the repository's default branch when it names none) by a push,
 * updated by the next push there (its runs check out the newest pushed commit), and removed when
 * the entry or its file goes, or the branch is deleted. Repository schedules fire in UTC.
 */
@Service
public class RepoSchedules {
  private static final Logger log = LoggerFactory.getLogger(RepoSchedules.class);
  private static final String UTC = "UTC";

  private final ScheduleStore store;
  private final ScheduleClient clocks;

  RepoSchedules(ScheduleStore store, ScheduleClient clocks) {
    this.store = store;
    this.clocks = clocks;
  }

  /** A valid pipeline file at the pushed commit: its spec pinned to that commit. */
  public record PushedFile(String path, String pinnedJson, PipelineSpec spec) {}

  private record Entry(String file, int index) {}

  /**
   * Brings the schedules of a pushed branch in line with its files.
   *
   * @param defaultBranch where entries that name no branch belong, or null when unknown
   * @param files the valid pipeline files at the pushed commit
   * @param invalidPaths files that are there but invalid: their schedules stay as they were
   */
  @Transactional
  public void pushed(
      String repo,
      String branch,
      String defaultBranch,
      List<PushedFile> files,
      Set<String> invalidPaths) {
    Map<Entry, PushedFile> wanted = new LinkedHashMap<>();
    Map<Entry, ScheduleSpec> entries = new LinkedHashMap<>();
    for (PushedFile file : files) {
      List<ScheduleSpec> schedules = file.spec().schedules();
      for (int i = 0; i < schedules.size(); i++) {
        String on = schedules.get(i).branch() == null ? defaultBranch : schedules.get(i).branch();
        if (branch.equals(on)) {
          wanted.put(new Entry(file.path(), i), file);
          entries.put(new Entry(file.path(), i), schedules.get(i));
        }
      }
    }
    Instant now = Instant.now();
    for (Schedule held : store.ofRepoBranch(repo, branch)) {
      Entry entry = new Entry(held.file(), held.entry());
      PushedFile file = wanted.remove(entry);
      if (file != null) {
        update(held, file, entries.get(entry).cron(), now);
      } else if (!invalidPaths.contains(held.file())) {
        remove(held);
      }
    }
    wanted.forEach((entry, file) -> add(repo, branch, entry, file, entries.get(entry), now));
  }

  /** The branch was deleted: its schedules go. */
  @Transactional
  public void branchDeleted(String repo, String branch) {
    store.ofRepoBranch(repo, branch).forEach(this::remove);
  }

  private void add(
      String repo, String branch, Entry entry, PushedFile file, ScheduleSpec spec, Instant now) {
    Schedule schedule =
        new Schedule(
            RunIds.newId(),
            file.spec().name(),
            file.pinnedJson(),
            spec.cron(),
            UTC,
            branch,
            Schedule.Source.REPO,
            repo,
            entry.file(),
            entry.index(),
            false,
            now,
            now,
            now);
    store.insert(schedule);
    clocks.define(schedule.clock());
    log.info(
        "schedule {} of {} {} on {}: {}", schedule.id(), repo, entry.file(), branch, spec.cron());
  }

  private void update(Schedule held, PushedFile file, String cron, Instant now) {
    boolean newCron = !held.cron().equals(cron);
    Schedule updated =
        held.redefined(
            file.spec().name(), file.pinnedJson(), cron, newCron ? now : held.firesAfter(), now);
    store.update(updated);
    if (newCron) {
      clocks.define(updated.clock());
    }
  }

  private void remove(Schedule held) {
    store.delete(held.id());
    clocks.stop(held.id());
    log.info("schedule {} of {} {} removed", held.id(), held.repo(), held.file());
  }
}
