package dev.fastci.workflow;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.RunIds;
import dev.fastci.contract.RunRecorderActivities;
import dev.fastci.contract.TaskQueues;
import dev.fastci.spec.RunFacts;
import dev.fastci.testing.GitRepos;
import dev.fastci.workflow.schedule.ScheduleHistories;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
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
      recordIfMissing(
          client, out.resolve("approval-approved-and-timed-out.json"), () -> approvals(harness));
      recordIfMissing(client, out.resolve("services.json"), () -> services(harness));
      recordIfMissing(client, out.resolve("language-v2.json"), () -> languageV2(harness));
      recordIfMissing(
          client,
          out.resolve("retry-matrix-condition.json"),
          () -> retryMatrixAndCondition(harness));
      recordIfMissing(
          client,
          out.resolve("batched-job-records.json"),
          () -> batchedJobRecords(client, harness));
      writeIfMissing(out.resolve(ScheduleHistories.FILE), ScheduleHistories::record);
      recordIfMissing(
          client, out.resolve("visible-setup-with-checkout.json"), () -> checkedOut(harness));
      recordIfMissing(
          client,
          out.resolve("visible-setup-recorded-by-a-server.json"),
          () -> recordedByAServer(client, harness));
      recordIfMissing(
          client,
          out.resolve("visible-setup-services-batched.json"),
          () -> setupWithServicesAndBatches(client, harness));
    } finally {
      env.close();
    }
    System.exit(0); // the test environment's threads would keep the JVM alive
  }

  /**
   * A run a server owns (version batched-job-records 1): a chain of 21 jobs, an approval and a last
   * job; the jobs' ends go to the server's recorder 20 at a time, the rest when the run waits for
   * the approval and when it ends.
   */
  private static String batchedJobRecords(WorkflowClient client, WorkflowHarness harness)
      throws Exception {
    WorkerFactory server = WorkerFactory.newInstance(client);
    server.newWorker(TaskQueues.SERVER).registerActivitiesImplementations(new RecordsNothing());
    server.start();
    try {
      String jobs = chainJobs(21, "");
      String parents = chainParents(21);
      var spec =
          WorkflowHarness.spec(
              "{'name':'batched','jobs':["
                  + jobs
                  + "{'name':'gate','approval':{'message':'Go?'}},"
                  + "{'name':'last','image':'i','command':'true'}],'parents':{"
                  + parents
                  + "'gate':['j21'],'last':['gate']}}");
      WorkflowHarness.Started run =
          harness.start(new PipelineRun(RunIds.newId(), spec, 1, List.of(), null, true));
      run.awaitJob("gate", JobStatus.WAITING);
      run.workflow().decide(new dev.fastci.contract.ApprovalDecision("gate", true, "alice", null));
      run.await();
      return run.handle().runId();
    } finally {
      server.shutdown();
    }
  }

  /** The server's recorder, keeping nothing: the history is what is recorded. */
  private static final class RecordsNothing implements RunRecorderActivities {
    @Override
    public void runStarted(String runId, int attempt, String host, long startedAt) {}

    @Override
    public void jobFinished(String runId, JobState job) {}

    @Override
    public void jobsFinished(String runId, List<JobState> jobs) {}

    @Override
    public void runFinished(PipelineState state) {}

    @Override
    public void tryEnded(String runId, String job, int attempt, JobTry ended) {}

    @Override
    public void runEvent(String runId, int attempt, PipelineEvent event) {}
  }

  /**
   * Two approval jobs (version approval-gates 1): one is approved by a signal, the other's timer
   * fires first.
   */
  private static String approvals(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'gates','jobs':["
                    + "{'name':'plan','image':'i','command':'true'},"
                    + "{'name':'ok','approval':{'message':'Go?'}},"
                    + "{'name':'late','approval':{'message':'Late?','timeout_secs':1}},"
                    + "{'name':'apply','image':'i','command':'true'}],"
                    + "'parents':{'ok':['plan'],'late':['plan'],'apply':['ok']}}"));
    run.awaitJob("ok", JobStatus.WAITING);
    run.workflow().decide(new dev.fastci.contract.ApprovalDecision("ok", true, "alice", "fine"));
    run.await();
    return run.handle().runId();
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

  /** A repo-mode run: its setup steps are the host and the checkout (version visible-setup 1). */
  private static String checkedOut(WorkflowHarness harness) throws Exception {
    Path repo = Files.createTempDirectory("hist-repo");
    String commit = GitRepos.withVersions(repo, "one").get(0);
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'checkout','repo_url':'"
                    + repo
                    + "','commit_hash':'"
                    + commit
                    + "','jobs':[{'name':'a','image':'i','command':'true'}]}"));
    run.await();
    return run.handle().runId();
  }

  /**
   * A run a server owns, with a recorder that takes every record: the run starts when it was
   * accepted, and each setup step goes to the store as an event (version visible-setup 1).
   */
  private static String recordedByAServer(WorkflowClient client, WorkflowHarness harness)
      throws Exception {
    var spec =
        WorkflowHarness.spec(
            "{'name':'recorded','setup_pipeline_dir':true,'jobs':["
                + "{'name':'a','image':'i','command':'true'}]}");
    return ownedByAServer(client, harness, spec);
  }

  /**
   * Every version at once, a run a server owns: the setup steps of a checkout (visible-setup), a
   * service that gates the first job (language-v2), and 21 jobs whose ends are recorded 20 at a
   * time, then the last one at the run's end (batched-job-records).
   */
  private static String setupWithServicesAndBatches(WorkflowClient client, WorkflowHarness harness)
      throws Exception {
    Path repo = Files.createTempDirectory("hist-repo");
    String commit = GitRepos.withVersions(repo, "one").get(0);
    String jobs = chainJobs(21, ",'services':['db']");
    String parents = chainParents(21);
    var spec =
        WorkflowHarness.spec(
            "{'name':'everything','repo_url':'"
                + repo
                + "','commit_hash':'"
                + commit
                + "','services':[{'name':'db','image':'pg',"
                + "'env':{'DUMMY_READY_AFTER_MS':'100'},'ready':{'tcp':5432}}],'jobs':["
                + jobs.substring(0, jobs.length() - 1)
                + "],'parents':{"
                + parents.substring(0, parents.length() - 1)
                + "}}");
    return ownedByAServer(client, harness, spec);
  }

  /** Runs the spec as a server's run, with a recorder on the server's queue that keeps nothing. */
  private static String ownedByAServer(
      WorkflowClient client, WorkflowHarness harness, dev.fastci.spec.PipelineSpec spec)
      throws Exception {
    WorkerFactory server = WorkerFactory.newInstance(client);
    server.newWorker(TaskQueues.SERVER).registerActivitiesImplementations(new RecordsNothing());
    server.start();
    try {
      WorkflowHarness.Started run =
          harness.start(new PipelineRun(RunIds.newId(), spec, 1, List.of(), null, true));
      run.await();
      return run.handle().runId();
    } finally {
      server.shutdown();
    }
  }

  /**
   * Services (language-v2): db becomes ready and gates its job, web is never ready and ends the job
   * that needs it in ERROR, a job without services does not wait; at the end db's watch is
   * cancelled before the teardown.
   */
  private static String services(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'svc','services':["
                    + "{'name':'db','image':'pg','env':{'DUMMY_READY_AFTER_MS':'200'},"
                    + "'ready':{'tcp':5432}},"
                    + "{'name':'web','image':'w','env':{'DUMMY_NEVER_READY':'1'},"
                    + "'ready':{'command':['true'],'timeout_secs':1}}],'jobs':["
                    + "{'name':'uses-db','image':'i','command':'true','services':['db']},"
                    + "{'name':'uses-web','image':'i','command':'true','services':['web']},"
                    + "{'name':'free','image':'i','command':'true'}]}"));
    run.await();
    return run.handle().runId();
  }

  /**
   * The second version of the language in one run: a matrix job whose two instances need a service,
   * a job whose first try fails and whose second passes (Temporal's retry), a job that runs
   * whatever happened ({@code when.status: always}) and one skipped by its condition ({@code
   * when.status: failure}, no parent failed).
   */
  private static String languageV2(WorkflowHarness harness) throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            WorkflowHarness.spec(
                "{'name':'v2','services':[{'name':'db','image':'pg',"
                    + "'env':{'DUMMY_READY_AFTER_MS':'100'},'ready':{'tcp':5432}}],'jobs':["
                    + "{'name':'test','image':'i','command':'true','services':['db'],"
                    + "'matrix':{'jdk':['17','21']}},"
                    + "{'name':'flaky','image':'i','command':'true',"
                    + "'retry':{'max':3,'when':['failure'],'backoff_secs':0.1},"
                    + "'env':{'DUMMY_TRY1_EXIT_CODE':'1'}},"
                    + "{'name':'report','image':'i','command':'true','when':{'status':'always'}},"
                    + "{'name':'notify','image':'i','command':'true','when':{'status':'failure'}}],"
                    + "'parents':{'report':['test','flaky'],'notify':['test','flaky']}}"));
    run.await();
    return run.handle().runId();
  }

  /**
   * The second pipeline language (version language-v2): a matrix job whose instance {@code fail=1}
   * fails its first try and passes its second (Temporal's retry of the job activity, with the
   * tryEnded signal), a job that {@code when.branch} skips, and a {@code status: always} job.
   */
  private static String retryMatrixAndCondition(WorkflowHarness harness) throws Exception {
    var spec =
        WorkflowHarness.spec(
            "{'name':'v2','jobs':["
                + "{'name':'test','image':'i','command':'true',"
                + "'matrix':{'fail':['0','1']},"
                + "'env':{'DUMMY_TRY1_EXIT_CODE':'{{ matrix.fail }}'},"
                + "'retry':{'max':3,'when':['failure'],'backoff_secs':0.2}},"
                + "{'name':'deploy','image':'i','command':'true','when':{'branch':'main'}},"
                + "{'name':'report','image':'i','command':'true','when':{'status':'always'}}],"
                + "'parents':{'deploy':['test'],'report':['test','deploy']}}");
    PipelineRun run =
        new PipelineRun(RunIds.newId(), spec, 1)
            .withConditionSkips(spec.conditionSkips(new RunFacts("push", "feature/x", null)));
    WorkflowHarness.Started started = harness.start(run);
    started.await();
    return started.handle().runId();
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

  /** Jobs j1 … jN of a chain, each followed by a comma; j1 gets {@code firstExtra} fields. */
  private static String chainJobs(int n, String firstExtra) {
    StringBuilder jobs = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      jobs.append("{'name':'j").append(i).append("','image':'i','command':'true'");
      jobs.append(i == 1 ? firstExtra : "").append("},");
    }
    return jobs.toString();
  }

  /** The parents of a chain j1 … jN: each job's is the one before, each followed by a comma. */
  private static String chainParents(int n) {
    StringBuilder parents = new StringBuilder();
    for (int i = 2; i <= n; i++) {
      parents.append("'j").append(i).append("':['j").append(i - 1).append("'],");
    }
    return parents.toString();
  }
}
