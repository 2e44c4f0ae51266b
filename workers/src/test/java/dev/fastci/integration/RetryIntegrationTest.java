package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A job's {@code retry} on the real Docker engine: Temporal runs each try in a fresh container with
 * a log of its own, after the backoff, for the outcomes {@code when} lists, and leaves nothing.
 */
class RetryIntegrationTest extends EngineIntegrationTest {

  /** Counts its tries in the run's pipeline dir and passes on the third. */
  private static final String FLAKY =
      "n=$(cat /fastci/pipeline/count 2>/dev/null || echo 0); n=$((n+1));"
          + " echo $n > /fastci/pipeline/count; echo try $n; [ $n -ge 3 ]";

  @Test
  void aJobFailingItsFirstTwoTriesPassesOnItsThirdEachWithItsOwnLog() throws Exception {
    PipelineState state =
        engine.run(
            """
            {"name": "flaky", "setup_pipeline_dir": true,
             "jobs": [{"name": "test", "image": "busybox:latest", "command": ["sh", "-c", "%s"],
                       "retry": {"max": 4, "when": ["failure"], "backoff_secs": 0.2}}]}
            """
                .formatted(FLAKY));

    JobState job = state.job("test");
    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.exitCode()).isZero();
    assertThat(job.maxTries()).isEqualTo(4);
    assertThat(job.tries())
        .extracting(JobTry::number, JobTry::outcome, JobTry::exitCode)
        .containsExactly(
            tuple(1, JobOutcome.FAILED, 1),
            tuple(2, JobOutcome.FAILED, 1),
            tuple(3, JobOutcome.SUCCEEDED, 0));
    assertThat(job.tries().get(0).retryAt() - job.tries().get(0).finishedAt()).isEqualTo(200);
    assertThat(job.tries().get(1).retryAt() - job.tries().get(1).finishedAt()).isEqualTo(400);
    assertThat(job.tries().get(2).retried()).isFalse();
    assertThat(job.tries().get(1).startedAt()).isGreaterThanOrEqualTo(job.tries().get(0).retryAt());
    for (int tryNumber = 1; tryNumber <= 3; tryNumber++) {
      assertThat(Files.readString(engine.log(state.runId(), "test", 1, tryNumber)))
          .isEqualTo("try " + tryNumber + "\n");
    }
    assertThat(engine.log(state.runId(), "test", 1, 4)).doesNotExist();
    assertNoContainersOf(state.runId());
  }

  @Test
  void aFailureWhoseExitCodeTheRetryDoesNotListEndsTheJobAtOnce() {
    PipelineState state =
        engine.run(
            """
            {"name": "not-listed",
             "jobs": [{"name": "test", "image": "busybox:latest", "command": ["sh", "-c", "exit 3"],
                       "retry": {"max": 3, "when": ["failure:137", "error"], "backoff_secs": 0.2}}]}
            """);

    JobState job = state.job("test");
    assertThat(job.status()).as("%s", state).isEqualTo(JobStatus.FAILED);
    assertThat(job.exitCode()).isEqualTo(3);
    assertThat(job.tries()).singleElement().extracting(JobTry::retried).isEqualTo(false);
    assertThat(engine.log(state.runId(), "test", 1, 2)).doesNotExist();
    assertNoContainersOf(state.runId());
  }

  @Test
  void aTryKilledAfterItsTimeoutIsRetriedWhenTimeoutIsListed() throws Exception {
    PipelineState state =
        engine.run(
            """
            {"name": "slow-once", "setup_pipeline_dir": true,
             "jobs": [{"name": "test", "image": "busybox:latest", "timeout_secs": 1,
                       "command": ["sh", "-c",
                         "if [ -f /fastci/pipeline/seen ]; then echo quick; else touch /fastci/pipeline/seen; echo slow; sleep 30; fi"],
                       "retry": {"max": 2, "when": ["timeout"], "backoff_secs": 0.2}}]}
            """);

    JobState job = state.job("test");
    assertThat(job.status()).as("%s", state).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.tries())
        .extracting(JobTry::outcome)
        .containsExactly(JobOutcome.TIMED_OUT, JobOutcome.SUCCEEDED);
    assertThat(Files.readString(engine.log(state.runId(), "test", 1, 1))).startsWith("slow\n");
    assertThat(Files.readString(engine.log(state.runId(), "test", 1, 2))).isEqualTo("quick\n");
    assertNoContainersOf(state.runId());
  }
}
