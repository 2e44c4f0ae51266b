package dev.fastci.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCollectorTest {
  @TempDir Path work;
  @TempDir Path store;

  private void write(String path, int bytes) throws Exception {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  @Test
  void keepsMatchingFilesWithTheirPathsAndWholeDirsNamedByAGlob() throws Exception {
    write("dist/app.jar", 10);
    write("dist/app.txt", 1);
    write("reports/unit/a.xml", 3);
    write("src/Main.java", 5);
    Path target = new ArtifactDirs(store).attemptDir("r", "build", 1);

    ArtifactCollector.Kept kept =
        ArtifactCollector.collect("build", 1, work, List.of("dist/*.jar", "reports"), target, 1000);

    assertThat(kept.files())
        .containsExactly(
            new Artifact("build", 1, "dist/app.jar", 10),
            new Artifact("build", 1, "reports/unit/a.xml", 3));
    assertThat(target.resolve("dist/app.jar")).hasSize(10);
    assertThat(target.resolve("src")).doesNotExist();
    assertThat(kept.log()).containsExactly("fastci: artifacts: kept 2 file(s), 13 B");
    assertThat(new ArtifactDirs(store).list("r")).isEqualTo(kept.files());
  }

  @Test
  void filesBeyondTheLimitAreNamedInTheLogWithTheSetting() throws Exception {
    write("a.bin", 600);
    write("b.bin", 600);
    write("c.bin", 100);

    ArtifactCollector.Kept kept =
        ArtifactCollector.collect("j", 1, work, List.of("*.bin"), store.resolve("t"), 1000);

    assertThat(kept.files()).extracting(Artifact::path).containsExactly("a.bin", "c.bin");
    assertThat(kept.log())
        .contains(
            "fastci: artifacts: not kept, over fastci.limits.max-artifact-bytes (1000 B): b.bin"
                + " (600 B)");
  }

  @Test
  void linksAreNotFollowedNorKeptAndAGlobThatMatchedNothingIsSaid() throws Exception {
    Path outside = Files.writeString(store.resolve("secret"), "no");
    Files.createSymbolicLink(work.resolve("link"), outside);
    Files.createSymbolicLink(work.resolve("linkdir"), store);

    ArtifactCollector.Kept kept =
        ArtifactCollector.collect(
            "j", 1, work, List.of("link", "linkdir/**", "missing/*"), store.resolve("t"), 1000);

    assertThat(kept.files()).isEmpty();
    assertThat(kept.log())
        .contains("fastci: artifacts: no file matched missing/*")
        .anySatisfy(line -> assertThat(line).startsWith("fastci: artifacts: symbolic links"));
    assertThat(store.resolve("t/link")).doesNotExist();
  }

  @Test
  void aNewTryReplacesWhatAnEarlierTryOfTheAttemptKept() throws Exception {
    Path target = store.resolve("t");
    Files.createDirectories(target);
    Files.writeString(target.resolve("old.txt"), "old");
    write("new.txt", 1);

    ArtifactCollector.collect("j", 1, work, List.of("*.txt"), target, 1000);

    assertThat(target.resolve("old.txt")).doesNotExist();
    assertThat(target.resolve("new.txt")).exists();
  }
}
