package dev.fastci.server.janitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.ManagedContainers.ManagedContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The janitor's rules, with a fake Docker engine and a fake run store. */
class JanitorTest {
  private static final String STORE = "/srv/fastci/data";
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

  @TempDir Path dataDir;

  private final FakeContainers docker = new FakeContainers();
  private final FakeRuns runs = new FakeRuns();

  private Janitor janitor() {
    return new Janitor(
        docker, runs, STORE, dataDir, ABANDONED_AFTER, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static ManagedContainer container(String name, String runId, String store) {
    return new ManagedContainer("id-" + name, name, runId, store, "running");
  }

  private Path pipelines() {
    return dataDir.resolve("pipelines");
  }

  private Path dir(String name, Duration age) throws IOException {
    Path dir = Files.createDirectories(pipelines().resolve(name));
    Files.writeString(dir.resolve("file"), "x");
    Files.setLastModifiedTime(dir, FileTime.from(NOW.minus(age)));
    return dir;
  }

  @Test
  void removesContainersOfThisStoreWhoseRunEndedOrIsUnknownAndKeepsLiveOnes() {
    runs.finished.add("ended");
    runs.unfinished.add("live");
    docker.containers.addAll(
        List.of(
            container("c-ended", "ended", STORE),
            container("c-unknown", "unknown", STORE),
            container("c-live", "live", STORE)));

    Janitor.Report report = janitor().sweep();

    assertThat(report.containers()).containsExactlyInAnyOrder("c-ended", "c-unknown");
    assertThat(docker.removed).containsExactlyInAnyOrder("id-c-ended", "id-c-unknown");
  }

  @Test
  void neverTouchesContainersOfAnotherStoreOrOfNone() {
    docker.containers.addAll(
        List.of(
            container("other-server", "unknown-1", "/elsewhere/data"),
            container("command-line", "unknown-2", null),
            container("no-run-label", null, STORE)));

    Janitor.Report report = janitor().sweep();

    assertThat(report.containers()).isEmpty();
    assertThat(docker.removed).isEmpty();
  }

  @Test
  void aContainerThatCannotBeRemovedIsReportedAsLeftAndTheSweepGoesOn() throws IOException {
    docker.containers.addAll(
        List.of(container("stuck", "gone-1", STORE), container("fine", "gone-2", STORE)));
    docker.failing.add("id-stuck");
    dir("gone-1", Duration.ofHours(2));

    Janitor.Report report = janitor().sweep();

    assertThat(report.containers()).containsExactly("fine");
    assertThat(pipelines().resolve("gone-1")).as("its run still has a container").exists();
  }

  @Test
  void removesOldDirsOfUnknownRunsAndLeavesDirsOfKnownRunsToTheRetention() throws IOException {
    runs.finished.add("finished");
    runs.unfinished.add("live");
    dir("finished", Duration.ofDays(3));
    dir("live", Duration.ofDays(3));
    Path orphan = dir("orphan", Duration.ofHours(2));
    Files.createDirectories(pipelines().resolve(".finished"));
    Files.writeString(pipelines().resolve(".finished/orphan"), NOW.toString());

    Janitor.Report report = janitor().sweep();

    assertThat(report.pipelineDirs()).containsExactly("orphan");
    assertThat(orphan).doesNotExist();
    assertThat(pipelines().resolve(".finished/orphan")).as("its marker goes too").doesNotExist();
    assertThat(pipelines().resolve("finished")).exists();
    assertThat(pipelines().resolve("live")).exists();
    assertThat(pipelines().resolve(".finished")).exists();
  }

  @Test
  void leavesAFreshDirOfAnUnknownRunOrOneWhoseRunStillHasAContainer() throws IOException {
    // The command line may run pipelines out of the same data dir; its runs are unknown here.
    dir("fresh", Duration.ofMinutes(10));
    dir("busy", Duration.ofHours(5));
    docker.containers.add(container("cli-job", "busy", null));

    Janitor.Report report = janitor().sweep();

    assertThat(report.pipelineDirs()).isEmpty();
    assertThat(pipelines().resolve("fresh")).exists();
    assertThat(pipelines().resolve("busy")).exists();
  }

  @Test
  void removesAbandonedStagingDirsUnlessTheirRunIsLive() throws IOException {
    runs.unfinished.add("live");
    runs.finished.add("ended");
    dir(".staging-ended", Duration.ofHours(2));
    dir(".staging-unknown", Duration.ofHours(2));
    dir(".staging-live", Duration.ofHours(2));
    dir(".staging-recent", Duration.ofMinutes(5));
    dir(".something-else", Duration.ofDays(9));

    Janitor.Report report = janitor().sweep();

    assertThat(report.pipelineDirs())
        .containsExactlyInAnyOrder(".staging-ended", ".staging-unknown");
    assertThat(pipelines().resolve(".staging-live")).exists();
    assertThat(pipelines().resolve(".staging-recent")).exists();
    assertThat(pipelines().resolve(".something-else")).exists();
  }

  @Test
  void readsTheStoreOnlyAfterListingSoARunStartedMeanwhileIsSeenLive() throws IOException {
    // The run starts (store first, then its container) after the containers were listed: the
    // listing does not have its container, and nothing else of it is touched.
    docker.onList =
        () -> {
          runs.unfinished.add("started-meanwhile");
          docker.containers.add(container("new", "started-meanwhile", STORE));
        };
    docker.containers.add(container("old", "started-meanwhile", STORE));

    Janitor.Report report = janitor().sweep();

    assertThat(report.containers()).isEmpty();
  }

  @Test
  void aSweepWithoutPipelinesDirOrContainersRemovesNothing() {
    assertThat(janitor().sweep().isEmpty()).isTrue();
  }

  private static final class FakeContainers implements ManagedContainers {
    final List<ManagedContainer> containers = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final Set<String> failing = new HashSet<>();
    Runnable onList = () -> {};

    @Override
    public List<ManagedContainer> list() {
      List<ManagedContainer> listed = List.copyOf(containers);
      onList.run();
      return listed;
    }

    @Override
    public void remove(String containerId) {
      if (failing.contains(containerId)) {
        throw new IllegalStateException("engine says no");
      }
      removed.add(containerId);
      containers.removeIf(c -> c.id().equals(containerId));
    }
  }

  private static final class FakeRuns implements Janitor.Runs {
    final Set<String> unfinished = new HashSet<>();
    final Set<String> finished = new HashSet<>();

    @Override
    public Collection<String> unfinishedIds() {
      return Set.copyOf(unfinished);
    }

    @Override
    public Set<String> existingIds(Collection<String> ids) {
      Set<String> existing = new HashSet<>();
      for (String id : ids) {
        if (unfinished.contains(id) || finished.contains(id)) {
          existing.add(id);
        }
      }
      return existing;
    }
  }
}
