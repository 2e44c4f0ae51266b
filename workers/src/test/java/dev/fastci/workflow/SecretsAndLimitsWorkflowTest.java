package dev.fastci.workflow;

import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHandle;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.RunIds;
import dev.fastci.job.JobLimits;
import dev.fastci.logs.LogFiles;
import dev.fastci.secrets.SecretSource;
import dev.fastci.worker.FastciWorker;
import dev.fastci.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Secrets, resource limits and the log cap, on a worker on the dummy backend. */
class SecretsAndLimitsWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;
  private final DummyBackend backend = new DummyBackend("test-host");
  private WorkflowClient client;
  private FastciWorker worker;

  @BeforeEach
  void startWorker(WorkflowClient client) {
    this.client = client;
    WorkerConfig config =
        new WorkerConfig(dataDir, "test-host", 4)
            .withJobLimits(new JobLimits(1024, "256m", 1.5))
            .withSecrets(
                SecretSource.fromVariables(
                    Map.of("FASTCI_SECRET_TOKEN", "tok-123", "FASTCI_SECRET_DB", "db-pass")));
    worker = new FastciWorker(client, config, backend).start();
  }

  @AfterEach
  void stopWorker() {
    worker.close();
    backend.close();
    assertThat(backend.journal().existing()).isEmpty();
    assertThat(backend.journal().violations()).as("calls out of order").isEmpty();
  }

  private record Ended(String runId, PipelineState state) {}

  private Ended run(String json) throws Exception {
    RunHandle run = new PipelineClient(client).start(spec(json));
    return new Ended(run.runId(), run.result().get(30, TimeUnit.SECONDS));
  }

  private String log(Ended run, String job) throws Exception {
    return Files.readString(new LogFiles(dataDir).jobLog(run.runId(), job, 1));
  }

  @Test
  void aPullRequestFromAForkGetsNoSecretAndItsJobEndsInErrorSayingWhy() throws Exception {
    PipelineRun forked =
        new PipelineRun(
                RunIds.newId(),
                spec(
                    "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                        + "'secrets':['TOKEN']},{'name':'b','image':'i','command':'true'}]}"),
                1)
            .withOrigin(null, true);

    PipelineState end = new PipelineClient(client).start(forked).result().get(30, TimeUnit.SECONDS);

    assertThat(end.job("a").status()).isEqualTo(JobStatus.ERROR);
    assertThat(end.job("a").error())
        .isEqualTo(
            "secret TOKEN is not given to a pull request from a fork: its code is not trusted");
    assertThat(end.job("b").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(backend.journal().createdCount("a-1")).isZero();
  }

  @Test
  void secretsReachTheContainerAndAreMaskedInItsLog() throws Exception {
    Ended run =
        run(
            "{'name':'p','secrets':['TOKEN'],'jobs':[{'name':'a','image':'i','command':'true',"
                + "'secrets':['DB'],'env':{'DUMMY_OUTPUT':'token tok-123, db db-pass.\\n'}}]}");

    assertThat(run.state().status()).isEqualTo(PipelineStatus.SUCCEEDED);
    ContainerSpec container = backend.journal().createdSpec("a-1");
    assertThat(container.env()).containsEntry("TOKEN", "tok-123").containsEntry("DB", "db-pass");
    assertThat(container.toString()).doesNotContain("tok-123");
    assertThat(log(run, "a")).isEqualTo("token ***, db ***.\n");
  }

  @Test
  void aSecretTheWorkerLacksEndsTheJobInError() throws Exception {
    Ended run =
        run("{'name':'p','jobs':[{'name':'a','image':'i','command':'true','secrets':['NOPE']}]}");

    JobState job = run.state().job("a");
    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.error()).isEqualTo("secret NOPE is not set on the worker (FASTCI_SECRET_NOPE)");
    assertThat(backend.journal().finishedRuns()).isEmpty();
  }

  @Test
  void aHostPathTheWorkerRefusesAsItMakesTheContainerEndsTheJobInErrorNamingIt() throws Exception {
    Ended run =
        run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                + "'volumes':['/var/run/docker.sock:/s']}]}");

    JobState job = run.state().job("a");
    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.error())
        .startsWith("refused to mount volumes[0]: /var/run/docker.sock")
        .contains("Docker socket");
    assertThat(backend.journal().finishedRuns()).isEmpty();
  }

  @Test
  void limitsOfTheJobOrElseTheWorkersDefaultsAreApplied() throws Exception {
    run(
        "{'name':'p','jobs':[{'name':'own','image':'i','command':'true','memory':'64m','cpus':0.5},"
            + "{'name':'dflt','image':'i','command':'true'}]}");

    assertThat(backend.journal().createdSpec("own-1").memoryBytes()).isEqualTo(64L << 20);
    assertThat(backend.journal().createdSpec("own-1").nanoCpus()).isEqualTo(500_000_000L);
    assertThat(backend.journal().createdSpec("dflt-1").memoryBytes()).isEqualTo(256L << 20);
    assertThat(backend.journal().createdSpec("dflt-1").nanoCpus()).isEqualTo(1_500_000_000L);
  }

  @Test
  void aJobKilledForMemoryFailsWithTheReason() throws Exception {
    Ended run =
        run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','memory':'64m',"
                + "'env':{'DUMMY_OOM_KILLED':'1','DUMMY_EXIT_CODE':'137'}}]}");

    JobState job = run.state().job("a");
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.exitCode()).isEqualTo(137);
    assertThat(job.error()).isEqualTo("killed: out of memory (memory limit 64m)");
    assertThat(log(run, "a")).contains("fastci: killed: out of memory (memory limit 64m)");
  }

  @Test
  void aLongLogIsCutWithAMarkerAndTheJobStillSucceeds() throws Exception {
    String output = ("0123456789".repeat(10) + "\n").repeat(100); // 10 KiB
    Ended run =
        run(
            "{'name':'p','jobs':[{'name':'a','image':'i','command':'true',"
                + "'env':{'DUMMY_OUTPUT':'"
                + output.replace("\n", "\\n")
                + "'}}]}");

    assertThat(run.state().job("a").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(log(run, "a"))
        .isEqualTo(
            output.substring(0, 1024)
                + "\n[fastci: log truncated at 1024 bytes; the job goes on]\n");
  }
}
