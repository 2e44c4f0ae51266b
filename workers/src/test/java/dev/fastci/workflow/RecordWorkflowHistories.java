package dev.fastci.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Records the workflow histories that {@link PipelineWorkflowReplayTest} replays. Run it only when
 * the workflow changes on purpose, in a way that running pipelines may not see (then guard the
 * change with {@code Workflow.getVersion} and keep the old histories too):
 *
 * <pre>
 * mvn -q -pl workers test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp workers/target/test-classes:workers/target/classes:$(cat workers/target/cp.txt) \
 *     dev.fastci.workflow.RecordWorkflowHistories workers/src/test/resources/histories [NAME...]
 * </pre>
 *
 * <p>With names (such as {@code memoized-chain}), only those histories are recorded again.
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
    Set<String> only = Set.copyOf(Arrays.asList(args).subList(1, args.length));
    try (WorkflowHarness harness = new WorkflowHarness(client, Files.createTempDirectory("hist"))) {
      if (only.isEmpty() || only.contains("diamond-with-pipeline-dir")) {
        record(client, out.resolve("diamond-with-pipeline-dir.json"), diamond(harness));
      }
      if (only.isEmpty() || only.contains("failure-and-job-cancel")) {
        record(client, out.resolve("failure-and-job-cancel.json"), failureAndCancel(harness));
      }
      if (only.isEmpty() || only.contains("memoized-chain")) {
        record(client, out.resolve("memoized-chain.json"), memoizedChain(harness));
      }
    } finally {
      env.close();
    }
    System.exit(0); // the fake runner's clock threads would keep the JVM alive
  }

  private static String diamond(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'diamond','setup_pipeline_dir':true,'jobs':["
                    + "{'name':'a','image':'i','command':'true'},"
                    + "{'name':'b','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'100'}},"
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
                    + "{'name':'slow','image':'i','command':'true','env':{'FAKE_SLEEP_MS':'20000'}},"
                    + "{'name':'after-slow','image':'i','command':'true'},"
                    + "{'name':'broken','image':'i','command':'true','env':{'FAKE_EXIT':'2'}},"
                    + "{'name':'after-broken','image':'i','command':'true'}],"
                    + "'parents':{'after-slow':['slow'],'after-broken':['broken']}}"));
    run.awaitJob("slow", JobStatus.RUNNING);
    run.awaitJob("broken", JobStatus.FAILED);
    run.workflow().cancelJob("slow");
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

  private static void record(WorkflowClient client, Path file, String workflowId) throws Exception {
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    System.out.println("recorded " + file);
  }
}
