package dev.fastci.workflow;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.RunIds;
import dev.fastci.workflow.schedule.ScheduleHistories;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/**
 * Records the workflow histories that {@link PipelineWorkflowReplayTest} replays. Run it only when
 * the workflow changes on purpose, in a way that running pipelines may not see (then guard the
 * change with {@code Workflow.getVersion} and keep the old histories too). It records only the
 * histories that are not there yet, so the ones recorded by earlier code stay:
 *
 * <pre>
 * mvn -q -pl workers test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp workers/target/test-classes:workers/target/classes:$(cat workers/target/cp.txt) \
 *     dev.fastci.workflow.RecordWorkflowHistories workers/src/test/resources/histories
 * </pre>
 */
public final class RecordWorkflowHistories {
  private RecordWorkflowHistories() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    WorkflowClient client = env.getWorkflowClient();
    try (WorkflowHarness harness = new WorkflowHarness(client, Files.createTempDirectory("hist"))) {
      // Histories recorded by earlier code stay as they are: they are what must still replay.
      recordIfMissing(
          client, out.resolve("diamond-with-pipeline-dir.json"), () -> diamond(harness));
      recordIfMissing(
          client, out.resolve("failure-and-job-cancel.json"), () -> failureAndCancel(harness));
      recordIfMissing(
          client, out.resolve("host-failover.json"), () -> failoverFromALostHost(harness));
      recordIfMissing(client, out.resolve("memoized-chain.json"), () -> memoizedChain(harness));
      recordIfMissing(
          client,
          out.resolve("cleanup-after-engine-restart.json"),
          () -> cleanupAfterEngineRestart(harness));
      writeIfMissing(out.resolve(ScheduleHistories.FILE), ScheduleHistories::record);
    } finally {
      env.close();
    }
    System.exit(0); // the test environment's threads would keep the JVM alive
  }

  private static String diamond(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'diamond','setup_pipeline_dir':true,'jobs':["
                    + "{'name':'a','image':'i','command':'true'},"
                    + "{'name':'b','image':'i','command':'true','env':{'DUMMY_SLEEP_MS':'100'}},"
                    + "{'name':'c','image':'i','command':'true'},"
                    + "{'name':'d','image':'i','command':'true'}],"
                    + "'parents':{'b':['a'],'c':['a'],'d':['b','c']}}"));
    run.await();
    return run.handle().runId();
  }

  private static String failureAndCancel(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'mixed','jobs':["
                    + "{'name':'slow','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'after-slow','image':'i','command':'true'},"
                    + "{'name':'broken','image':'i','command':'true','env':{'DUMMY_EXIT_CODE':'2'}},"
                    + "{'name':'after-broken','image':'i','command':'true'}],"
                    + "'parents':{'after-slow':['slow'],'after-broken':['broken']}}"));
    run.awaitJob("slow", JobStatus.RUNNING);
    run.awaitJob("broken", JobStatus.FAILED);
    run.workflow().cancelJob("slow");
    run.await();
    return run.handle().runId();
  }

  /**
   * A resumed run pinned to a host with no worker: its pipeline dir never comes, the host does not
   * answer, and the run moves to test-host with a fresh dir (host failover, version 1).
   */
  private static String failoverFromALostHost(WorkflowHarness harness) throws Exception {
    var spec =
        WorkflowHarness.spec(
            "{'name':'moved','setup_pipeline_dir':true,'jobs':["
                + "{'name':'a','image':'i','command':'true'},"
                + "{'name':'b','image':'i','command':'true'}],'parents':{'b':['a']}}");
    PipelineRun pinned =
        new PipelineRun(RunIds.newId(), spec, 1, List.of(), "gone-host", false)
            .withHostLostAfter(Duration.ofSeconds(1));
    WorkflowHarness.Started run = harness.start(pinned);
    run.await();
    return run.handle().runId();
  }

  /** The second run of a memoized chain: every job is replayed, none runs. */
  private static String memoizedChain(WorkflowHarness harness) throws Exception {
    String chain =
        "{'name':'memo','setup_pipeline_dir':true,'jobs':["
            + "{'name':'a','image':'i','command':'true','cache':true},"
            + "{'name':'b','image':'i','command':'true','cache':true}],'parents':{'b':['a']}}";
    harness.start(WorkflowHarness.spec(chain)).await();
    WorkflowHarness.Started again = harness.start(WorkflowHarness.spec(chain));
    again.await();
    return again.handle().runId();
  }

  /**
   * The Docker engine goes down while a job runs: the job ends in ERROR, and the run's cleanup
   * fails twice before the engine answers again (version cleanup-until-done 1).
   */
  private static String cleanupAfterEngineRestart(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'dk','setup_pipeline_dir':true,'jobs':["
                    + "{'name':'long','image':'i','command':'true','env':{'DUMMY_HOLD':'true'}},"
                    + "{'name':'next','image':'i','command':'true'}],"
                    + "'parents':{'next':['long']}}"));
    run.awaitJob("long", JobStatus.RUNNING);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.backend.isRunning("long-1"));
    harness.backend.engineDown();
    run.awaitJob("long", JobStatus.ERROR);
    Thread.sleep(2500);
    harness.backend.engineUp();
    run.await();
    return run.handle().runId();
  }

  private interface Recording {
    String run() throws Exception;
  }

  private static void recordIfMissing(WorkflowClient client, Path file, Recording recording)
      throws Exception {
    writeIfMissing(file, () -> client.fetchHistory(recording.run()).toJson(true));
  }

  private static void writeIfMissing(Path file, Callable<String> history) throws Exception {
    if (Files.exists(file)) {
      System.out.println("kept " + file);
      return;
    }
    Files.writeString(file, history.call());
    System.out.println("recorded " + file);
  }
}
