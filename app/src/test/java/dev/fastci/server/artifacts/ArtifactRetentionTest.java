package dev.fastci.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.SpecFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The artifacts' retention against the run store (dummy backend). */
@SpringBootTest(properties = {"fastci.backend=dummy", "fastci.worker.host-id=retention-host"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ArtifactRetentionTest {
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @Autowired ArtifactDirs dirs;
  @Autowired RunStore store;
  @Autowired RunService runs;

  private static void keep(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.txt"), "a");
  }

  @Test
  void aRunThatEndedLongerAgoThanTheRetentionLosesItsFilesOthersKeepThem() throws Exception {
    String ended =
        runs.submit(
            "{\"name\":\"r\",\"jobs\":[{\"name\":\"b\",\"image\":\"i\",\"command\":\"true\"}]}",
            SpecFormat.JSON,
            Trigger.of("api"));
    keep(dirs.attemptDir(ended, "b", 1));
    keep(dirs.attemptDir("unknown-recent", "b", 1));
    keep(dirs.attemptDir("unknown-old", "b", 1));
    Files.setLastModifiedTime(
        dirs.root().resolve("unknown-old"),
        FileTime.from(Instant.now().minus(Duration.ofDays(40))));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> store.finishedAt(ended).isPresent());

    Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    assertThat(new ArtifactRetention(dirs, store, Duration.ofDays(30), now).sweep())
        .containsExactly("unknown-old");
    assertThat(dirs.root().resolve("unknown-recent")).exists();
    assertThat(dirs.root().resolve(ended)).exists();
    Clock later = Clock.offset(now, Duration.ofDays(31));
    assertThat(new ArtifactRetention(dirs, store, Duration.ofDays(30), later).sweep())
        .containsExactlyInAnyOrder(ended, "unknown-recent");
  }
}
