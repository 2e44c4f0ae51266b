package dev.fastci.server.artifacts;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.runs.RunStore;
import dev.fastci.util.DaemonThreads;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes the artifacts of runs that ended more than {@code fastci.retention.artifacts} ago (30
 * days), and of runs the store does not know once untouched that long. Sweeps at start, then
 * hourly.
 */
@Component
public class ArtifactRetention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArtifactRetention.class);
  private static final Duration EVERY = Duration.ofHours(1);

  private final ArtifactDirs dirs;
  private final RunStore store;
  private final Duration keep;
  private final Clock clock;
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("fastci-artifacts");

  @Autowired
  public ArtifactRetention(ArtifactDirs dirs, RunStore store, FastciProperties properties) {
    this(dirs, store, properties.retention().artifacts(), Clock.systemUTC());
  }

  ArtifactRetention(ArtifactDirs dirs, RunStore store, Duration keep, Clock clock) {
    this.dirs = dirs;
    this.store = store;
    this.keep = keep;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(this::sweepQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("artifact retention failed; it runs again in {}: {}", EVERY, e.toString());
    }
  }

  /** One sweep; returns the runs whose artifacts it removed. */
  public List<String> sweep() {
    Path root = dirs.root();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Instant before = clock.instant().minus(keep);
    List<String> removed = new ArrayList<>();
    try (Stream<Path> runs = Files.list(root)) {
      for (Path runDir :
          runs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String runId = runDir.getFileName().toString();
        Instant ended =
            store.finishedAt(runId).orElseGet(() -> store.exists(runId) ? null : modified(runDir));
        if (ended != null && ended.isBefore(before)) {
          Directories.deleteRecursively(runDir);
          removed.add(runId);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not sweep " + root, e);
    }
    if (!removed.isEmpty()) {
      log.info("artifact retention: removed the artifacts of {} runs", removed.size());
    }
    return removed;
  }

  private static Instant modified(Path dir) {
    try {
      return Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (IOException gone) {
      return null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
