package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.backend.docker.HolderNames;
import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import dev.fastci.util.Directories;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jobs of a run share one network namespace; runs do not share theirs. */
class RunNetworkIntegrationTest extends EngineIntegrationTest {
  private static final String TWO_JOBS =
      """
      {"name": "netns",
       "jobs": [
         {"name": "first", "image": "busybox:latest",
          "command": ["sh", "-c", "readlink /proc/self/ns/net; sleep 1"]},
         {"name": "second", "image": "busybox:latest",
          "command": ["sh", "-c", "readlink /proc/self/ns/net; ip -o link show eth0 | wc -l"]}
       ],
       "parents": {"second": ["first"]}}
      """;

  @Test
  void jobsOfARunShareItsNetworkAndRunsAtTheSameTimeHaveTheirOwn() {
    LocalEngine.Started first = engine.startAsync(TWO_JOBS);
    LocalEngine.Started second = engine.startAsync(TWO_JOBS);
    PipelineState one = first.await();
    PipelineState two = second.await();

    assertThat(one.status()).as("%s", one).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(two.status()).as("%s", two).isEqualTo(PipelineStatus.SUCCEEDED);
    String namespace = firstLine(engine.logText(one.runId(), "first"));
    assertThat(namespace).startsWith("net:[");
    assertThat(engine.logText(one.runId(), "second"))
        .as("the second job joined the first job's namespace, which has Docker's eth0")
        .isEqualTo(namespace + "\n1\n");
    assertThat(firstLine(engine.logText(two.runId(), "first"))).isNotEqualTo(namespace);
    assertNoContainersOf(one.runId());
    assertNoContainersOf(two.runId());
  }

  @Test
  void theWarmPoolIsRemovedWhenTheWorkerStops() {
    // A host id of its own: holders of other runs on this engine carry the shared one.
    String hostId = "pool-test-host";
    Map<String, String> pool =
        Map.of(HolderNames.LABEL_ROLE, HolderNames.ROLE, HolderNames.LABEL_POOL_HOST, hostId);
    PipelineState state;
    try (LocalEngine other =
        LocalEngine.start(c -> new WorkerConfig(c.dataDir(), hostId, c.maxParallelJobs()))) {
      state = other.run(TWO_JOBS);
      assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    }
    assertThat(DockerEngine.containers(pool))
        .as("pool containers left behind by a stopped worker")
        .extracting(NothingLeftBehind::describe)
        .isEmpty();
    assertNoContainersOf(state.runId());
  }

  @Test
  void aOneRunEngineStartsOneHolderBesideNoneAndRemovesItWhenClosed() throws Exception {
    String hostId = "one-run-test-host";
    Map<String, String> holders =
        Map.of(HolderNames.LABEL_ROLE, HolderNames.ROLE, HolderNames.LABEL_POOL_HOST, hostId);
    Path dataDir = Files.createTempDirectory("fastci-it-");
    Engine engine =
        Engine.startForOneRun(LocalEngine.temporalTarget(), new WorkerConfig(dataDir, hostId, 2));
    PipelineState state;
    try {
      RunHandle run = new PipelineClient(engine.client()).start(LocalEngine.spec(TWO_JOBS));
      state = run.result().get(LocalEngine.RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(DockerEngine.containers(holders))
          .as("the run's holder, given back: none was started beside the run to replace it")
          .hasSize(1);
    } finally {
      engine.closeAfterTheRuns();
      Directories.deleteRecursively(dataDir);
    }
    assertThat(DockerEngine.containers(holders))
        .as("holders left behind by a closed one-run engine")
        .extracting(NothingLeftBehind::describe)
        .isEmpty();
    assertNoContainersOf(state.runId());
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }
}
