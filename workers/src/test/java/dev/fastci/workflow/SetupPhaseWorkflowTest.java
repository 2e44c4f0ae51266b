package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.GitRepos;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup phase on the dummy backend: a run starts when it is accepted, and tells its host and
 * its checkout (with the mirror's state) before its first job.
 */
class SetupPhaseWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;
  @TempDir Path repo;
  private WorkflowHarness harness;

  @BeforeEach
  void startWorker(WorkflowClient client) {
    harness = new WorkflowHarness(client, dataDir);
  }

  @AfterEach
  void stopWorker() {
    harness.close();
  }

  @Test
  void aRepoRunTellsItsHostAndCheckoutBeforeItsFirstJobAndCountsThem() throws Exception {
    String commit = GitRepos.withVersions(repo, "one").get(0);
    String spec =
        "{'name':'co','repo_url':'"
            + repo
            + "','commit_hash':'"
            + commit
            + "','jobs':[{'name':'a','image':'i','command':'true'}]}";

    PipelineState first = harness.run(spec);
    PipelineState again = harness.run(spec);

    assertThat(first.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(first.events())
        .extracting(PipelineEvent::message)
        .satisfiesExactly(
            host -> assertThat(host).matches("setup: host test-host \\d+\\.\\d\\d s"),
            checkout ->
                assertThat(checkout)
                    .matches("setup: checkout \\d+\\.\\d\\d s \\(mirror cloned\\)"));
    assertThat(again.events().get(1).message()).endsWith("(mirror up to date)");
    PipelineEvent setUp = first.events().get(1);
    assertThat(first.startedAt()).isLessThanOrEqualTo(first.events().get(0).at());
    assertThat(setUp.at()).isLessThanOrEqualTo(first.job("a").startedAt());
  }

  @Test
  void aRunWithoutPipelineDirTellsOnlyItsHost() throws Exception {
    PipelineState end =
        harness.run("{'name':'p','jobs':[{'name':'a','image':'i','command':'true'}]}");

    assertThat(end.events())
        .extracting(PipelineEvent::message)
        .singleElement()
        .asString()
        .startsWith("setup: host test-host ");
  }
}
