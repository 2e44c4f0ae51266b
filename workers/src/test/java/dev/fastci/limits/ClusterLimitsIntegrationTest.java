package dev.fastci.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.RunIds;
import dev.fastci.contract.RunRecorderActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.testing.LocalEngine;
import dev.fastci.worker.BackendKind;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits a real Temporal cluster enforces, met by the largest runs FastCI takes: 1,000 jobs in
 * a fan-out and in a chain, and 256 parallel jobs (a job's largest matrix). They run on the dummy
 * backend, against Temporal's test server on a TCP port with a cluster's 4 MB inbound message
 * limit, through the client code of a cluster target (or against {@code
 * FASTCI_TEST_TEMPORAL_TARGET}), as a server runs them (every job recorded). Each history must stay
 * under 20% of a cluster's 51,200 events and 50 MB, no payload over 2 MB, no workflow task's
 * completion over 4 MB, and at most 2,000 activities pending at once.
 */
class ClusterLimitsIntegrationTest {
  private static final int MAX_EVENTS = 51_200;

  /**
   * The target: a fifth of a cluster's limits. A 1,000-job chain took 11.5 events a job
   * (its activity, the record of its end, and a workflow task for each), 22.5% of the event limit,
   * until the job records were batched ({@code batched-job-records}).
   */
  private static final int EVENT_SHARE = 5;

  private static final long MAX_HISTORY_BYTES = 50L * 1024 * 1024;
  private static final int MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
  private static final int MAX_PENDING_ACTIVITIES = 2_000;

  @TempDir static Path dataDir;
  private static LimitedTemporal temporal;
  private static Engine engine;

  @BeforeAll
  static void start() {
    String target = LocalEngine.temporalTarget();
    if (target.isEmpty()) {
      temporal = new LimitedTemporal();
      target = temporal.target();
    }
    engine =
        Engine.start(
            target,
            new WorkerConfig(dataDir, "limits-host", 64).withBackend(BackendKind.DUMMY),
            true);
    engine.serve(TaskQueues.SERVER, new RecordsNothing());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (engine != null) {
      engine.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aThousandJobFanOutStaysWellWithinTheLimits() throws Exception {
    withinLimits("fan-out of 1000", pipeline(1000, false));
  }

  @Test
  void aThousandJobChainStaysWellWithinTheLimits() throws Exception {
    withinLimits("chain of 1000", pipeline(1000, true));
  }

  @Test
  void twoHundredFiftySixParallelJobsStayWellWithinTheLimits() throws Exception {
    withinLimits("fan-out of 256", pipeline(256, false));
  }

  private static void withinLimits(String what, String spec) throws Exception {
    String runId = RunIds.newId();
    long start = System.nanoTime();
    PipelineState end =
        new PipelineClient(engine.clients())
            .start(new PipelineRun(runId, LocalEngine.spec(spec), 1, List.of(), null, true))
            .result()
            .get(10, TimeUnit.MINUTES);
    long took = (System.nanoTime() - start) / 1_000_000;
    HistoryFigures history = HistoryFigures.of(engine.client().fetchHistory(runId).getHistory());

    System.out.printf(
        "limits: %s: %s in %d ms; history %d events, %d bytes; at most %d activities"
            + " pending%s; events by type %s%n",
        what,
        end.status(),
        took,
        history.events(),
        history.bytes(),
        history.mostPendingActivities(),
        temporal == null
            ? ""
            : "; largest workflow task completion "
                + temporal.sizes().largestRequest("RespondWorkflowTaskCompleted")
                + " bytes; largest payloads "
                + temporal.sizes().largestPayloads(),
        history.eventsByType());
    assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(history.events()).isLessThan(MAX_EVENTS / EVENT_SHARE);
    assertThat(history.bytes()).isLessThan(MAX_HISTORY_BYTES / 5);
    assertThat(history.mostPendingActivities()).isLessThanOrEqualTo(MAX_PENDING_ACTIVITIES);
    if (temporal != null) {
      assertThat(temporal.sizes().largestPayload()).isLessThan(MAX_PAYLOAD_BYTES);
      assertThat(temporal.sizes().largestRequest("RespondWorkflowTaskCompleted"))
          .isLessThan(LimitedTemporal.MAX_INBOUND_BYTES);
    }
  }

  private static String pipeline(int jobs, boolean chained) {
    List<String> specs = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      specs.add(
          "{\"name\":\"job-%d\",\"image\":\"i\",\"command\":\"true\",\"env\":{\"DUMMY_OUTPUT\":\"ok\\n\"}}"
              .formatted(i));
      if (chained && i > 0) {
        parents.add("\"job-%d\":[\"job-%d\"]".formatted(i, i - 1));
      }
    }
    return "{\"name\":\"limits\",\"jobs\":["
        + String.join(",", specs)
        + "],\"parents\":{"
        + String.join(",", parents)
        + "}}";
  }

  /** The server's recorder, as far as Temporal sees it: each record is one activity. */
  static final class RecordsNothing implements RunRecorderActivities {
    @Override
    public void runStarted(String runId, int attempt, String host, long startedAt) {}

    @Override
    public void jobFinished(String runId, JobState job) {}

    @Override
    public void jobsFinished(String runId, java.util.List<JobState> jobs) {}

    @Override
    public void runFinished(PipelineState state) {}

    @Override
    public void runEvent(String runId, int attempt, PipelineEvent event) {}

    @Override
    public void tryEnded(String runId, String job, int attempt, JobTry ended) {}
  }
}
