package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.GitRepos;
import dev.fastci.testing.LocalEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Repo mode: the repository is checked out at the commit, and jobs start in the checkout. */
@ExtendWith(DockerEngine.class)
class RepoModeIntegrationTest {
  private static LocalEngine engine;

  @TempDir static Path repo;
  private static String firstCommit;
  private static String latestCommit;

  @BeforeAll
  static void setUp() throws Exception {
    engine = LocalEngine.start();
    List<String> commits = GitRepos.withVersions(repo, "one", "two");
    firstCommit = commits.get(0);
    latestCommit = commits.get(1);
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void jobsRunInTheCheckoutOfTheGivenCommitNotTheLatest() {
    PipelineState state = engine.run(catVersionAt(firstCommit));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "version")).isEqualTo("one\n");
    assertThat(engine.dataDir().resolve("pipelines").resolve(state.runId())).doesNotExist();
    assertNoContainersOf(state.runId());
  }

  @Test
  void jobsRunInTheCheckoutOfTheLatestCommit() {
    PipelineState state = engine.run(catVersionAt(latestCommit));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "version")).isEqualTo("two\n");
    assertNoContainersOf(state.runId());
  }

  private static String catVersionAt(String commit) {
    return """
        {"name": "repo",
         "repo_url": "%s",
         "commit_hash": "%s",
         "jobs": [{"name": "version", "image": "busybox:latest", "command": "cat version.txt"}]}
        """
        .formatted(repo, commit);
  }

  @Test
  void unknownCommitFailsThePipelineBeforeAnyJobRuns() {
    String unknown = "0123456789abcdef0123456789abcdef01234567";

    PipelineState state =
        engine.run(
            """
            {"name": "bad-commit",
             "repo_url": "%s",
             "commit_hash": "%s",
             "jobs": [
               {"name": "a", "image": "busybox:latest", "command": "true"},
               {"name": "b", "image": "busybox:latest", "command": "true"}
             ],
             "parents": {"b": ["a"]}}
            """
                .formatted(repo, unknown));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    assertThat(state.error()).contains(unknown);
    for (JobState job : state.jobs()) {
      assertThat(job.status()).as(job.name()).isEqualTo(JobStatus.SKIPPED);
      assertThat(job.startedAt()).as(job.name()).isNull();
      assertThat(engine.log(state.runId(), job.name(), 1)).doesNotExist();
    }
    assertThat(engine.dataDir().resolve("pipelines").resolve(state.runId())).doesNotExist();
    assertNoContainersOf(state.runId());
  }

  @Test
  void setupErrorIsThePlainCheckoutMessageWithoutTemporalDecoration() {
    String unknown = "89abcdef0123456789abcdef0123456789abcdef";

    PipelineState state = engine.run(catVersionAt(unknown));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    // Shown as is in the UI and the CLI: ApplicationFailure.getMessage() would add
    // "message='...', type='CheckoutFailed', nonRetryable=true".
    assertThat(state.error())
        .contains(unknown)
        .doesNotStartWith("message=")
        .doesNotContain("type='CheckoutFailed'")
        .doesNotContain("nonRetryable");
    assertNoContainersOf(state.runId());
  }

  @Test
  void repositoryWhoseHeadNamesABranchNobodyPushedStillChecksOut() throws Exception {
    Path other = Files.createTempDirectory("fastci-head-");
    try {
      String commit = GitRepos.withVersions(other, "only").get(0);
      Files.writeString(other.resolve(".git/HEAD"), "ref: refs/heads/master\n"); // like git init

      PipelineState state =
          engine.run(
              """
              {"name": "head", "repo_url": "%s", "commit_hash": "%s",
               "jobs": [{"name": "version", "image": "busybox:latest", "command": "cat version.txt"}]}
              """
                  .formatted(other, commit));

      assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(engine.logText(state.runId(), "version")).isEqualTo("only\n");
    } finally {
      dev.fastci.util.Directories.deleteRecursively(other);
    }
  }
}
