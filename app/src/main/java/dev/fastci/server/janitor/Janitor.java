package dev.fastci.server.janitor;

import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.ManagedContainers.ManagedContainer;
import dev.fastci.util.DaemonThreads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what no live run of this server's store will ever clean up: containers of this store
 * whose run has ended or is unknown, and pipeline dirs whose run the store does not know.
 *
 * <p>What it never touches:
 *
 * <ul>
 *   <li>anything of a run the store lists as PENDING or RUNNING (a resumed run re-attaches to its
 *       containers and reuses its dir);
 *   <li>containers of another store ({@code dev.fastci.store} is another server's data dir) or of
 *       none (the command line's runs, even when it shares the data dir);
 *   <li>dirs of finished runs of the store: the retention removes those, and a retry until then
 *       reuses them;
 *   <li>a dir of an unknown run (or a staging dir) while a container of that run exists, or until
 *       it has been left untouched for {@code abandonedAfter}: the command line may be running that
 *       run out of the same data dir.
 * </ul>
 *
 * <p>{@link OrphanContainers} and {@link OrphanDirs} hold the rules for each.
 *
 * <p>Races: the containers and dirs are listed before the store is read, and a run is in the store
 * before any of its containers or dirs exist, so whatever belongs to a run started meanwhile is
 * either not listed or seen live.
 */
public final class Janitor implements AutoCloseable {
  /** A staging dir or an unknown run's dir untouched this long is abandoned. */
  public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(Janitor.class);

  private final ManagedContainers containers;
  private final Runs runs;
  private final OrphanContainers orphanContainers;
  private final OrphanDirs orphanDirs;
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("fastci-janitor");
  private volatile boolean closed;
  private volatile Duration every;

  /** What the janitor asks the run store. */
  public interface Runs {
    /** The ids of the runs that have not ended. */
    Collection<String> unfinishedIds();

    /** Which of these ids are runs of the store, in any status. */
    Set<String> existingIds(Collection<String> ids);
  }

  /** What one sweep removed: container names and pipeline dir names. */
  public record Report(List<String> containers, List<String> pipelineDirs) {
    public boolean isEmpty() {
      return containers.isEmpty() && pipelineDirs.isEmpty();
    }
  }

  /**
   * @param store this server's {@code dev.fastci.store} label value: only such containers go
   * @param dataDir its pipeline dirs are under {@code <dataDir>/pipelines}
   */
  public Janitor(
      ManagedContainers containers,
      Runs runs,
      String store,
      Path dataDir,
      Duration abandonedAfter,
      Clock clock) {
    this.containers = containers;
    this.runs = runs;
    this.orphanContainers = new OrphanContainers(containers, store);
    this.orphanDirs = new OrphanDirs(dataDir, abandonedAfter, clock);
  }

  /** Sweeps now, then every {@code every} until closed. */
  public Janitor start(Duration every) {
    this.every = every;
    timer.scheduleWithFixedDelay(this::sweepQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      if (!closed) {
        // Most often the Docker engine is down or restarting: the next sweep removes what is left.
        log.warn("janitor sweep failed; it runs again in {}: {}", every, e.toString());
      }
    }
  }

  /** One sweep; returns what it removed. */
  public synchronized Report sweep() {
    // Listed before the store is read: see the class comment.
    List<Path> entries = orphanDirs.list();
    List<ManagedContainer> listed = containers.list();
    Set<String> live = new HashSet<>(runs.unfinishedIds());
    Set<String> known =
        runs.existingIds(
            entries.stream()
                .map(entry -> entry.getFileName().toString())
                .map(OrphanDirs::runId)
                .toList());

    OrphanContainers.Removal removal = orphanContainers.remove(listed, live);
    List<String> removedDirs =
        orphanDirs.remove(entries, live, known, removal.runsWithContainers());
    Report report = new Report(removal.removed(), removedDirs);
    if (!report.isEmpty()) {
      log.info(
          "janitor: removed {} orphaned containers and {} orphaned pipeline dirs",
          report.containers().size(),
          report.pipelineDirs().size());
    }
    return report;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
