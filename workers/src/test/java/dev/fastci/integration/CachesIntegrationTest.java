package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.cache.CacheEntry;
import dev.fastci.cache.CacheStore;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.GitRepos;
import dev.fastci.testing.LocalEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Keyed caches: what one run leaves in a cache path, the next run with a matching key finds. */
@ExtendWith(DockerEngine.class)
class CachesIntegrationTest {
  private static LocalEngine engine;

  @TempDir static Path repo;
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
  void aCacheWrittenByOneRunIsReadByTheNextAndByPrefixAfterTheKeyChanged() {
    PipelineState first = engine.run(pipelineAt(commits.get(0)));
    PipelineState second = engine.run(pipelineAt(commits.get(0)));
    PipelineState changed = engine.run(pipelineAt(commits.get(1)));

    assertThat(first.job("deps").status()).as("%s", first).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(engine.logText(first.runId(), "deps"))
        .contains("no cache for deps-")
        .contains("seen: none");
    assertThat(engine.logText(second.runId(), "deps"))
        .contains("seen: " + first.runId())
        .doesNotContain("saved"); // an exact hit is not saved again
    assertThat(engine.logText(changed.runId(), "deps"))
        .contains("seen: " + first.runId()) // restored by the prefix deps-
        .contains("saved deps-");
    List<CacheEntry> entries = new CacheStore(engine.dataDir()).list();
    assertThat(entries).extracting(CacheEntry::kind).containsOnly(CacheEntry.KEYED);
    assertThat(entries).hasSize(2);
    assertThat(engine.dataDir().resolve("caches/work")).isEmptyDirectory();
    assertNoContainersOf(changed.runId());
  }

  @Test
  void aFailedJobSavesNoCache() {
    PipelineState state =
        engine.run(
            """
            {"name": "fails", "jobs": [{"name": "f", "image": "busybox:latest",
              "command": ["sh", "-c", "echo x > /cache/x; exit 3"],
              "caches": [{"key": "never-saved", "path": "/cache"}]}]}
            """);

    assertThat(state.job("f").status()).isEqualTo(JobStatus.FAILED);
    assertThat(new CacheStore(engine.dataDir()).exact(CacheEntry.KEYED, "never-saved")).isEmpty();
    assertNoContainersOf(state.runId());
  }

  private static String pipelineAt(String commit) {
    return """
        {"name": "cached-deps", "repo_url": "%s", "commit_hash": "%s",
         "jobs": [{"name": "deps", "image": "busybox:latest",
           "command": ["sh", "-c",
             "echo seen: $(cat /cache/seen 2>/dev/null || echo none); echo $FASTCI_RUN_ID > /cache/seen"],
           "caches": [{"key": "deps-{{ hash 'version.txt' }}", "path": "/cache",
                       "restore_keys": ["deps-"]}]}]}
        """
        .formatted(repo, commit);
  }
}
