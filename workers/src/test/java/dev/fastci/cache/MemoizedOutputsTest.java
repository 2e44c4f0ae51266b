package dev.fastci.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fastci.host.PipelineDirs;
import dev.fastci.util.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memoized job's output dir comes back mounted copy-on-write, in the run's pipeline dir, and goes
 * with it. Needs overlay mounts (root on Linux); skipped elsewhere.
 */
class MemoizedOutputsTest {
  @TempDir Path dataDir;

  @Test
  void anOutputDirIsMountedAndWritingToItLeavesTheRecordAsItWas() throws IOException {
    CacheStore store = new CacheStore(dataDir);
    assumeTrue(CopyOnWrite.available(store.workDir()), "overlay mounts need root");
    Memoization memos = new Memoization(store, CacheLimits.DEFAULT);
    PipelineDirs pipelines = new PipelineDirs(dataDir);
    Path first = Files.createDirectories(pipelines.dir("run1").resolve("dist"));
    Files.writeString(first.resolve("app.jar"), "built");
    Path log = Files.writeString(dataDir.resolve("build.log"), "compiled\n");
    memos.record("build", "k1", log, pipelines.dir("run1"), List.of("dist"));
    CacheEntry entry = memos.lookup("build", "k1").orElseThrow();

    Path second = Files.createDirectories(pipelines.dir("run2"));
    boolean replayed =
        memos.replay(
            entry,
            dataDir.resolve("replayed.log"),
            second,
            List.of("dist"),
            pipelines.layers("run2"));
    Files.writeString(second.resolve("dist/app.jar"), "changed by a later job");

    assertThat(replayed).isTrue();
    assertThat(Mounts.isMountPoint(second.resolve("dist"))).isTrue();
    assertThat(Files.readString(store.files(entry, "outputs/dist/app.jar"))).isEqualTo("built");
    pipelines.remove("run2");
    assertThat(second).doesNotExist();
    assertThat(pipelines.layers("run2")).doesNotExist();
    assertThat(Mounts.mountPoints()).noneMatch(point -> point.startsWith(dataDir));
  }
}
