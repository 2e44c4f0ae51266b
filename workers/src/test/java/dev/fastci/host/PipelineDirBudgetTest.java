package dev.fastci.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size budget of the pipeline dirs kept for retries: the oldest finished ones go first. */
class PipelineDirBudgetTest {
  @TempDir Path dataDir;

  private PipelineDirs dirs() {
    return new PipelineDirs(dataDir);
  }

  private void dirOf(String runId, int bytes) throws Exception {
    Path dir = dirs().dir(runId);
    Files.createDirectories(dir.resolve("node_modules"));
    Files.write(dir.resolve("node_modules").resolve("blob"), new byte[bytes]);
  }

  private void finished(String runId, int secondsAgo) throws Exception {
    dirs().markFinished(runId);
    Files.setLastModifiedTime(
        dirs().root().resolve(PipelineDirs.FINISHED).resolve(runId),
        FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  @Test
  void theOldestFinishedDirsGoUntilTheRestFitAndARunningOneStays() throws Exception {
    dirOf("old", 100);
    dirOf("middle", 100);
    dirOf("new", 100);
    dirOf("running", 1000);
    finished("old", 30);
    finished("middle", 20);
    finished("new", 10);

    assertThat(dirs().keptBytes()).isEqualTo(300);
    assertThat(dirs().keepWithin(150)).containsExactly("old", "middle");

    assertThat(dirs().keptBytes()).isEqualTo(100);
    assertThat(Files.exists(dirs().dir("old"))).isFalse();
    assertThat(Files.exists(dirs().dir("new"))).isTrue();
    assertThat(Files.exists(dirs().dir("running"))).as("a dir with no end marker").isTrue();
    assertThat(dirs().wasEvicted("old")).isTrue();
    assertThat(dirs().wasEvicted("new")).isFalse();
  }

  @Test
  void noBudgetRemovesNothing() throws Exception {
    dirOf("a", 100);
    finished("a", 10);

    assertThat(dirs().keepWithin(0)).isEmpty();
    assertThat(dirs().keptBytes()).isEqualTo(100);
  }
}
