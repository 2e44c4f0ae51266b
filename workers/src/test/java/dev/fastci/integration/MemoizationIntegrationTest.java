package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
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

/**
 * {@code cache: true}: a job whose key did not change is not run again; its log and outputs come
 * back as they were. A changed input file changes the key and the job runs.
 */
@ExtendWith(DockerEngine.class)
class MemoizationIntegrationTest {
  private static LocalEngine engine;

  @TempDir static Path repo;
  @TempDir static Path workdir;
  private static List<String> commits;

  @BeforeAll
  static void setUp() throws Exception {
    engine = LocalEngine.start();
    commits = GitRepos.withVersions(repo, "one", "two");
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aMemoizedJobIsNotRunAgainOnTheSameCommitButIsOnAChangedOne() {
    PipelineState first = engine.run(buildAndUseAt(commits.get(0)));
    PipelineState again = engine.run(buildAndUseAt(commits.get(0)));
    PipelineState changed = engine.run(buildAndUseAt(commits.get(1)));

    JobState built = first.job("build");
    assertThat(built.status()).as("%s", first).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(built.cached()).isFalse();
    String stamp = engine.logText(first.runId(), "use");

    JobState replayed = again.job("build");
    assertThat(replayed.status()).as("%s", again).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(replayed.cached()).isTrue();
    assertThat(engine.logText(first.runId(), "build"))
        .startsWith("built one\nfastci: memoized under ");
    assertThat(engine.logText(again.runId(), "build"))
        .startsWith("built one\nfastci: memoized: not run; log and outputs restored");
    // The child reads the restored output: the random stamp of the first run, not a new one.
    assertThat(engine.logText(again.runId(), "use")).isEqualTo(stamp);
    assertThat(again.job("use").cached()).isFalse();

    JobState rebuilt = changed.job("build");
    assertThat(rebuilt.cached()).isFalse();
    assertThat(engine.logText(changed.runId(), "build")).contains("built two");
    assertThat(engine.logText(changed.runId(), "use")).startsWith("two\n").isNotEqualTo(stamp);
    assertNoContainersOf(changed.runId());
  }

  @Test
  void withoutACheckoutTheHostWorkdirIsTheInput() throws Exception {
    Files.writeString(workdir.resolve("input.txt"), "a\n");
    String spec =
        """
        {"name": "workdir-input", "bind_workdir_from_host": "%s",
         "jobs": [{"name": "read", "image": "busybox:latest", "cache": true,
                   "command": "cat input.txt"}]}
        """
            .formatted(workdir);

    PipelineState first = engine.run(spec);
    PipelineState again = engine.run(spec);
    Files.writeString(workdir.resolve("input.txt"), "b\n");
    PipelineState changed = engine.run(spec);

    assertThat(first.job("read").cached()).as("%s", first).isFalse();
    assertThat(again.job("read").cached()).as("%s", again).isTrue();
    assertThat(engine.logText(again.runId(), "read")).startsWith("a\n");
    assertThat(changed.job("read").cached()).as("%s", changed).isFalse();
    assertThat(engine.logText(changed.runId(), "read")).startsWith("b\n");
  }

  private static String buildAndUseAt(String commit) {
    return """
        {"name": "memo", "repo_url": "%s", "commit_hash": "%s",
         "jobs": [
           {"name": "build", "image": "busybox:latest", "cache": true, "outputs": ["out"],
            "command": ["sh", "-c",
              "mkdir -p out && cp version.txt out/v && cat /proc/sys/kernel/random/uuid > out/stamp && echo built $(cat version.txt)"]},
           {"name": "use", "image": "busybox:latest", "command": "cat out/v out/stamp"}],
         "parents": {"use": ["build"]}}
        """
        .formatted(repo, commit);
  }
}
