package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.testing.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fastci run} on the examples, against the real Docker engine and embedded Temporal. An
 * invalid spec, refused before anything starts, is in {@link RunCommandTest}.
 */
@ExtendWith(DockerEngine.class)
class RunCommandIntegrationTest {
  @TempDir Path dataDir;

  private Set<String> before;

  @BeforeEach
  void useTempDataDir() {
    before = DockerEngine.fastciContainerIds();
    System.setProperty("fastci.data-dir", dataDir.toString());
  }

  @AfterEach
  void nothingIsLeftBehind() throws Exception {
    System.clearProperty("fastci.data-dir");
    assertThat(DockerEngine.fastciContainersBut(before)).isEmpty();
    Path pipelines = dataDir.resolve("pipelines");
    if (Files.exists(pipelines)) {
      try (var dirs = Files.list(pipelines)) {
        assertThat(dirs).isEmpty();
      }
    }
  }

  @Test
  void helloPrintsTheJobsOutputPrefixedWithItsNameAndExitsZero() {
    CliRun run = CliRun.of("run", Examples.file("hello.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hello | Hello, world!");
    assertThat(run.out()).containsPattern("hello +RUNNING");
    assertThat(run.out()).containsPattern("hello +SUCCEEDED \\(exit 0\\)");
    assertThat(run.out()).containsPattern("hello +SUCCEEDED +0 +[0-9.]+s");
    assertThat(run.out()).contains("pipeline hello SUCCEEDED");
  }

  @Test
  void anApprovalNobodyCanAnswerHereIsRejectedAndWhatFollowsIsSkipped() {
    CliRun run = CliRun.of("run", Examples.file("approval.json"), "--param", "TARGET=production");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("approve-deploy +WAITING for approval: Deploy to production\\?")
        .contains("fastci: no terminal to ask for approval: approve-deploy is rejected")
        .containsPattern("approve-deploy +FAILED.*rejected by")
        .containsPattern("apply +SKIPPED");
  }

  @Test
  void theArtifactsExampleKeepsTheBuildsFilesUnderTheDataDir() throws Exception {
    CliRun run = CliRun.of("run", Examples.file("artifacts.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    try (var runs = Files.list(dataDir.resolve("artifacts"))) {
      Path kept = runs.findFirst().orElseThrow().resolve("build").resolve("1");
      assertThat(kept.resolve("dist/app.txt")).hasContent("hello from the build");
      assertThat(kept.resolve("reports/summary.txt")).hasContent("ok");
      try (var files = Files.walk(kept)) {
        assertThat(files.filter(Files::isRegularFile)).hasSize(2);
      }
    }
  }

  @Test
  void dagSharingAPipelineDirSucceeds() {
    CliRun run = CliRun.of("run", Examples.file("shared-dir-dag.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("report +\\| main.c has 25 bytes");
  }

  @Test
  void theServicesExampleQueriesPostgresqlAndFetchesFromHttpdByNameAndAtLocalhost() {
    DockerEngine.requireImage("fastci/postgres:15", "scripts/postgres-image.sh");
    CliRun run = CliRun.of("run", Examples.file("services.json"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("migrate +\\| CREATE TABLE")
        .containsPattern("query +\\| hello from db")
        .containsPattern("fetch +\\| hello from web")
        .contains("pipeline services SUCCEEDED");
  }

  @Test
  void theSecondRunOfTheMemoizedExampleReplaysBothJobs() {
    CliRun first = CliRun.of("run", Examples.file("memoized.json"));
    CliRun second = CliRun.of("run", Examples.file("memoized.json"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).containsPattern("build +SUCCEEDED +0 +[0-9.]+s\n");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).containsPattern("build +\\| built dist/app.txt");
    assertThat(second.out()).containsPattern("test +\\| tests passed");
    assertThat(second.out()).containsPattern("build +SUCCEEDED +0 +[0-9.]+s +cached");
    assertThat(second.out()).containsPattern("test +SUCCEEDED +0 +[0-9.]+s +cached");
  }

  @Test
  void theCachesExampleFindsWhatItsFirstRunSaved() {
    CliRun first = CliRun.of("run", Examples.file("caches.json"));
    CliRun second = CliRun.of("run", Examples.file("caches.json"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).containsPattern("deps +\\| downloading deps");
    assertThat(second.out()).containsPattern("deps +\\| deps from the cache");
  }

  @Test
  void failingJobExitsOneSkipsItsChildAndShowsTheSummary() {
    CliRun run = CliRun.of("run", Examples.file("failing.json"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("tests +\\| 1 test failed");
    assertThat(run.out()).containsPattern("tests +FAILED +3");
    assertThat(run.out()).containsPattern("deploy +SKIPPED");
    assertThat(run.out()).containsPattern("docs +SUCCEEDED");
    assertThat(run.out()).doesNotContain("never printed");
    assertThat(run.out()).contains("pipeline failing FAILED");
  }

  @Test
  void theConditionsExampleDeploysOnlyOnMainAndReportsWhateverHappens() {
    CliRun feature = CliRun.of("run", Examples.file("conditions.json"), "--branch", "feature/x");
    CliRun main = CliRun.of("run", Examples.file("conditions.json"), "--branch", "main");

    assertThat(feature.exitCode()).as(feature.err()).isZero();
    assertThat(feature.out())
        .containsPattern(
            "deploy +SKIPPED \\(when.branch: feature/x does not match main, release/\\*\\)")
        .containsPattern("notify-failure +SKIPPED \\(when.status: failure, and no parent failed\\)")
        .containsPattern("report +\\| report, whatever happened")
        .containsPattern("docs +\\| docs changed")
        .contains("pipeline conditions SUCCEEDED");
    assertThat(main.exitCode()).as(main.err()).isZero();
    assertThat(main.out()).containsPattern("deploy +\\| deploying");
  }

  @Test
  void theMatrixExampleRunsEveryCombinationThenItsFanIn() {
    CliRun run = CliRun.of("run", Examples.file("matrix.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("test.jdk-17.os-debian +\\| testing on jdk 17 and debian")
        .containsPattern("test.jdk-21.os-alpine +\\| testing on jdk 21 and alpine")
        .containsPattern("test.jdk-25.os-debian +\\| testing on jdk 25 and debian")
        .doesNotContain("test.jdk-17.os-alpine")
        .containsPattern("summary +\\| every test instance passed")
        .contains("pipeline matrix SUCCEEDED");
  }

  @Test
  void theRetryExampleFailsItsFirstTryAndPassesItsSecondInAFreshContainer() {
    CliRun run = CliRun.of("run", Examples.file("retry.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("flaky +\\| network not ready yet")
        .containsPattern("flaky +FAILED \\(exit 1\\), retrying in 1s \\(try 2 of 3\\)")
        .containsPattern("flaky +\\| network is up")
        .containsPattern("flaky +SUCCEEDED \\(exit 0\\) [0-9.]+s after 2 tries")
        .containsPattern("deploy +\\| deployed after a flaky step")
        .contains("pipeline retry SUCCEEDED");
  }
}
