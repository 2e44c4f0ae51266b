package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.job.JobLimits;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A job's artifacts are copied out of its working dir after it ends, on the real Docker engine. */
@ExtendWith(DockerEngine.class)
class ArtifactsIntegrationTest {
  static final long MAX_ARTIFACT_BYTES = 2048;
  static LocalEngine engine;

  @BeforeAll
  static void startEngine() {
    engine =
        LocalEngine.start(
            config ->
                config.withJobLimits(
                    new JobLimits(
                        JobLimits.DEFAULT_MAX_LOG_BYTES, null, null, MAX_ARTIFACT_BYTES)));
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aFailedJobsFilesAreKeptUpToTheLimitAndTheLogSaysWhatWasNot(@TempDir Path workdir) {
    PipelineState end =
        engine.run(
            """
            {"name": "artifacts", "bind_workdir_from_host": "%s",
             "jobs": [{"name": "build", "image": "busybox:latest",
               "artifacts": ["dist/*.jar", "reports", "big.bin", "escape", "missing/*"],
               "command": ["sh", "-c",
                 "mkdir -p dist reports/unit && echo jar > dist/app.jar && echo src > dist/app.c && echo ok > reports/unit/a.xml && head -c 4096 /dev/zero > big.bin && ln -s /etc/passwd escape && exit 3"]}]}
            """
                .formatted(workdir));

    assertThat(end.job("build").status()).as("%s", end).isEqualTo(JobStatus.FAILED);
    assertThat(new ArtifactDirs(engine.dataDir()).list(end.runId()))
        .containsExactly(
            new Artifact("build", 1, "dist/app.jar", 4),
            new Artifact("build", 1, "reports/unit/a.xml", 3));
    assertThat(engine.logText(end.runId(), "build"))
        .contains("fastci: artifacts: kept 2 file(s), 7 B")
        .contains(
            "fastci: artifacts: not kept, over fastci.limits.max-artifact-bytes (2.0 KiB):"
                + " big.bin (4.0 KiB)")
        .contains("fastci: artifacts: symbolic links are not kept: escape")
        .contains("fastci: artifacts: no file matched missing/*");
    assertNoContainersOf(end.runId());
  }

  @Test
  void aJobWhoseWorkingDirIsOnlyInItsContainerHasItsFilesCopiedOutOfIt() {
    String longName = "x".repeat(120) + ".txt"; // beyond a plain tar header's 100 bytes
    PipelineState end =
        engine.run(
            """
            {"name": "inside", "jobs": [{"name": "b", "image": "busybox:latest",
               "artifacts": ["out.txt", "logs", "%s", "big.bin", "escape"],
               "command": ["sh", "-c", "echo hello > out.txt && mkdir -p logs/deep && echo a > logs/deep/a.log && echo l > %s && head -c 4096 /dev/zero > big.bin && ln -s /etc/passwd escape"]}]}
            """
                .formatted(longName, longName));

    assertThat(end.job("b").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    ArtifactDirs dirs = new ArtifactDirs(engine.dataDir());
    assertThat(dirs.list(end.runId()))
        .containsExactlyInAnyOrder(
            new Artifact("b", 1, "out.txt", 6),
            new Artifact("b", 1, "logs/deep/a.log", 2),
            new Artifact("b", 1, longName, 2));
    assertThat(dirs.file(end.runId(), "b", 1, "out.txt").orElseThrow()).hasContent("hello");
    assertThat(engine.logText(end.runId(), "b"))
        .contains("over fastci.limits.max-artifact-bytes (2.0 KiB): big.bin (4.0 KiB)")
        .contains("symbolic links are not kept: escape");
    assertNoContainersOf(end.runId());
  }
}
