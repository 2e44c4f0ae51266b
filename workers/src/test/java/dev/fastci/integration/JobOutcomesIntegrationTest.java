package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.LocalEngine;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a single job's container ends, and what its log holds, on the real Docker engine. */
class JobOutcomesIntegrationTest extends EngineIntegrationTest {

  @Test
  void jobExitingZeroSucceedsAndJobExitingThreeFailsWithThatCode() {
    PipelineState state =
        engine.run(
            """
            {"name": "exit-codes",
             "jobs": [
               {"name": "ok", "image": "busybox:latest", "command": "true"},
               {"name": "bad", "image": "busybox:latest", "command": ["sh", "-c", "exit 3"]}
             ]}
            """);

    assertThat(state.job("ok").status()).as("%s", state).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(state.job("ok").exitCode()).isZero();
    assertThat(state.job("ok").host()).isEqualTo(LocalEngine.HOST_ID);
    assertThat(state.job("bad").status()).as("%s", state).isEqualTo(JobStatus.FAILED);
    assertThat(state.job("bad").exitCode()).isEqualTo(3);
    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    assertNoContainersOf(state.runId());
  }

  @Test
  void logFileHoldsBothStdoutAndStderrLines() {
    PipelineState state =
        engine.run(
            """
            {"name": "streams",
             "jobs": [{"name": "talk", "image": "busybox:latest",
                       "command": ["sh", "-c", "echo to-stdout; echo to-stderr >&2"]}]}
            """);

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "talk").lines())
        .containsExactlyInAnyOrder("to-stdout", "to-stderr");
    assertNoContainersOf(state.runId());
  }

  @Test
  void stringCommandIsSplitLikeAShellWithoutRunningOne() {
    PipelineState state =
        engine.run(
            """
            {"name": "hello",
             "jobs": [{"name": "greet", "image": "busybox:latest",
                       "command": "echo \\"Hello, world!\\""}]}
            """);

    assertThat(state.job("greet").status()).as("%s", state).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "greet")).isEqualTo("Hello, world!\n");
    assertNoContainersOf(state.runId());
  }

  @Test
  void logLinesReachTheFileWhileTheJobStillRuns() throws Exception {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "streaming",
             "jobs": [{"name": "slow", "image": "busybox:latest",
                       "command": ["sh", "-c", "echo first; sleep 3; echo second"]}]}
            """);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> engine.logText(run.runId(), "slow").contains("first"));
    JobState whileRunning = engine.stub(run.runId()).state().job("slow");
    String logSoFar = Files.readString(engine.log(run.runId(), "slow", 1));

    assertThat(whileRunning.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(logSoFar).isEqualTo("first\n");
    PipelineState end = run.await();
    assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(run.runId(), "slow")).isEqualTo("first\nsecond\n");
    assertNoContainersOf(run.runId());
  }

  @Test
  void jobOverItsTimeoutIsKilledAndTimedOut() {
    long start = System.nanoTime();
    PipelineState state =
        engine.run(
            """
            {"name": "timeout",
             "jobs": [{"name": "sleepy", "image": "busybox:latest", "command": "sleep 30",
                       "timeout_secs": 1}]}
            """);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(state.job("sleepy").status()).as("%s", state).isEqualTo(JobStatus.TIMED_OUT);
    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    System.out.println(
        "timeout_secs=1 of sleep 30: the run ended after " + took.toMillis() + " ms");
    assertThat(took).as("killed long before sleep 30 ends").isLessThan(Duration.ofSeconds(25));
    assertThat(engine.logText(state.runId(), "sleepy")).contains("timeout_secs=1");
    assertNoContainersOf(state.runId());
  }

  @Test
  void missingImageIsAnErrorNamingTheImageAndSkipsDescendants() {
    PipelineState state =
        engine.run(
            """
            {"name": "missing-image",
             "jobs": [
               {"name": "a", "image": "fastci-missing-image:nope", "command": "true"},
               {"name": "b", "image": "busybox:latest", "command": "true"},
               {"name": "c", "image": "busybox:latest", "command": "true"}
             ],
             "parents": {"b": ["a"], "c": ["b"]}}
            """);

    JobState a = state.job("a");
    assertThat(a.status()).isEqualTo(JobStatus.ERROR);
    assertThat(a.exitCode()).isNull();
    assertThat(a.error()).contains("fastci-missing-image:nope");
    assertThat(engine.logText(state.runId(), "a")).contains("fastci-missing-image:nope");
    assertThat(state.job("b").status()).as("%s", state).isEqualTo(JobStatus.SKIPPED);
    assertThat(state.job("c").status()).as("%s", state).isEqualTo(JobStatus.SKIPPED);
    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    assertNoContainersOf(state.runId());
  }

  @Test
  void commandNotInTheImageDoesNotSucceedAndSaysWhy() {
    PipelineState state =
        engine.run(
            """
            {"name": "no-such-command",
             "jobs": [{"name": "a", "image": "busybox:latest",
                       "command": "fastci-no-such-command --flag"}]}
            """);

    JobState a = state.job("a");
    assertThat(a.status()).isEqualTo(JobStatus.ERROR);
    assertThat(a.error()).contains("fastci-no-such-command");
    assertThat(engine.logText(state.runId(), "a")).contains("fastci-no-such-command");
    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.FAILED);
    assertNoContainersOf(state.runId());
  }
}
