package dev.fastci.workflow;

import static dev.fastci.contract.JobStatus.CANCELLED;
import static dev.fastci.contract.JobStatus.ERROR;
import static dev.fastci.contract.JobStatus.PENDING;
import static dev.fastci.contract.JobStatus.RUNNING;
import static dev.fastci.contract.JobStatus.SKIPPED;
import static dev.fastci.contract.JobStatus.SUCCEEDED;
import static dev.fastci.workflow.WorkflowHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services on the dummy backend: a job that lists one waits until it is ready, a service that fails
 * ends the jobs that need it in ERROR with its reason and log, and the run removes its services
 * however it ends. A service with {@code DUMMY_HOLD} is not ready until released.
 */
class ServicesWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setUseTimeskipping(false).setDoNotStart(true).build();

  @TempDir Path dataDir;
  private WorkflowHarness harness;

  @BeforeEach
  void startWorker(WorkflowClient client) {
    harness = new WorkflowHarness(client, dataDir);
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertThat(harness.backend.journal().existing()).isEmpty();
    harness.close();
  }

  private static ServiceState service(PipelineState state, String name) {
    return state.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aJobThatListsAServiceStartsOnceItIsReadyWhileAJobWithoutServicesDoesNotWait()
      throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','services':[{'name':'db','image':'pg','env':{'DUMMY_HOLD':'1',"
                    + "'DUMMY_OUTPUT':'db booting\\n'},'ready':{'tcp':5432}}],"
                    + "'jobs':[{'name':'uses','image':'i','command':'true','services':['db']},"
                    + "{'name':'free','image':'i','command':'true','env':{'DUMMY_HOLD':'1'}}]}"));
    run.awaitJob("free", RUNNING);
    run.awaitService("db", ServiceStatus.STARTING);
    assertThat(run.workflow().state().job("uses").status()).isEqualTo(PENDING);

    long released = System.currentTimeMillis();
    harness.backend.release("db-1");
    run.awaitJob("uses", SUCCEEDED);
    harness.backend.release("free-1");
    PipelineState end = run.await();

    assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(harness.backend.journal().run("uses-1").startedAt()).isGreaterThan(released);
    ServiceState db = service(end, "db");
    assertThat(db.status()).isEqualTo(ServiceStatus.STOPPED);
    assertThat(db.readyAt()).isNotNull();
    assertThat(harness.backend.journal().createdSpec("uses-1").hostAliases()).containsExactly("db");
    assertThat(harness.backend.journal().createdSpec("free-1").hostAliases()).isEmpty();
    Path log = dataDir.resolve("logs").resolve(end.runId()).resolve("services/db.1.log");
    assertThat(Files.readString(log))
        .startsWith("db booting\nfastci: service db is ready (ready.tcp 5432) after ")
        .endsWith("fastci: the service was removed with the run's end\n");
  }

  @Test
  void aRunWhoseJobsNeedNoServiceEndsWithoutWaitingForOne() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','services':[{'name':'db','image':'pg','env':{'DUMMY_HOLD':'1'},"
                + "'ready':{'tcp':5432}}],'jobs':[{'name':'free','image':'i','command':'true'}]}");

    assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(service(end, "db").status()).isEqualTo(ServiceStatus.STOPPED);
    assertThat(service(end, "db").readyAt()).isNull();
  }

  @Test
  void aServiceNeverReadyEndsTheJobsThatNeedItInErrorWithItsLogWhileOtherBranchesGoOn()
      throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','services':[{'name':'db','image':'pg',"
                + "'env':{'DUMMY_NEVER_READY':'1','DUMMY_OUTPUT':'db booting\\nbad config\\n'},"
                + "'ready':{'command':['pg_isready'],'timeout_secs':1}}],"
                + "'jobs':[{'name':'uses','image':'i','command':'true','services':['db']},"
                + "{'name':'after','image':'i','command':'true'},"
                + "{'name':'free','image':'i','command':'true'}],'parents':{'after':['uses']}}");

    assertThat(end.job("uses").status()).isEqualTo(ERROR);
    assertThat(end.job("uses").error())
        .isEqualTo(
            "service db was not ready within 1 s (ready.command pg_isready); its log ends with:\n"
                + "  db booting\n  bad config\n"
                + "  fastci: was not ready within 1 s (ready.command pg_isready)");
    assertThat(end.job("after").status()).isEqualTo(SKIPPED);
    assertThat(end.job("free").status()).isEqualTo(SUCCEEDED);
    assertThat(end.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(service(end, "db").status()).isEqualTo(ServiceStatus.FAILED);
    assertThat(service(end, "db").error()).isEqualTo(end.job("uses").error());
  }

  @Test
  void aServiceThatExitsBeforeItIsReadyEndsTheJobsThatNeedItInError() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','services':[{'name':'db','image':'pg','env':{'DUMMY_HOLD':'1',"
                + "'DUMMY_EXIT_CODE':'3','DUMMY_SLEEP_MS':'100','DUMMY_OUTPUT':'no disk\\n'},"
                + "'ready':{'tcp':5432}}],"
                + "'jobs':[{'name':'uses','image':'i','command':'true','services':['db']}]}");

    assertThat(end.job("uses").status()).isEqualTo(ERROR);
    assertThat(end.job("uses").error())
        .startsWith("service db exited with code 3 before it was ready; its log ends with:\n")
        .contains("  no disk");
  }

  @Test
  void aServiceThatExitsLaterStopsTheRunningJobsThatNeedItAndTheOnesAfterIt() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','services':[{'name':'db','image':'pg',"
                    + "'env':{'DUMMY_EXIT_CODE':'4','DUMMY_SLEEP_MS':'1000'}}],"
                    + "'jobs':[{'name':'running','image':'i','command':'true','services':['db'],"
                    + "'env':{'DUMMY_HOLD':'1'}},"
                    + "{'name':'gate','image':'i','command':'true','env':{'DUMMY_HOLD':'1'}},"
                    + "{'name':'later','image':'i','command':'true','services':['db']}],"
                    + "'parents':{'later':['gate']}}"));
    run.awaitJob("running", RUNNING);
    run.awaitService("db", ServiceStatus.FAILED);
    harness.backend.release("gate-1");
    PipelineState end = run.await();

    assertThat(end.job("running").status()).isEqualTo(ERROR);
    assertThat(end.job("running").error()).startsWith("service db exited with code 4");
    assertThat(harness.backend.journal().run("running-1").exitCode()).isEqualTo(137);
    assertThat(end.job("gate").status()).isEqualTo(SUCCEEDED);
    assertThat(end.job("later").status()).isEqualTo(ERROR);
    assertThat(end.job("later").error()).isEqualTo(end.job("running").error());
  }

  @Test
  void aServiceThatCannotBeCreatedOrLacksASecretFails() throws Exception {
    PipelineState end =
        harness.run(
            "{'name':'p','services':[{'name':'db','image':'pg','env':{'DUMMY_CREATE_ERROR':'no"
                + " such image pg'}},{'name':'web','image':'w','secrets':['NOT_SET_ANYWHERE']}],"
                + "'jobs':[{'name':'a','image':'i','command':'true','services':['db']},"
                + "{'name':'b','image':'i','command':'true','services':['web']}]}");

    assertThat(end.job("a").error()).isEqualTo("service db could not start: no such image pg");
    assertThat(end.job("b").error())
        .isEqualTo(
            "service web could not start: secret NOT_SET_ANYWHERE is not set on the worker"
                + " (FASTCI_SECRET_NOT_SET_ANYWHERE)");
  }

  @Test
  void cancellingARunWhoseJobsWaitForAServiceRemovesTheService() throws Exception {
    WorkflowHarness.Started run =
        harness.start(
            spec(
                "{'name':'p','services':[{'name':'db','image':'pg','env':{'DUMMY_HOLD':'1'},"
                    + "'ready':{'tcp':5432}},{'name':'web','image':'w'}],"
                    + "'jobs':[{'name':'uses','image':'i','command':'true','services':['db']},"
                    + "{'name':'serves','image':'i','command':'true','services':['web'],"
                    + "'env':{'DUMMY_HOLD':'1'}}]}"));
    run.awaitJob("serves", RUNNING);
    run.awaitService("db", ServiceStatus.STARTING);

    run.handle().cancel();
    PipelineState end = run.await();

    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(end.job("uses").status()).isEqualTo(CANCELLED);
    assertThat(end.job("serves").status()).isEqualTo(CANCELLED);
    assertThat(end.services()).extracting(ServiceState::status).containsOnly(ServiceStatus.STOPPED);
    assertThat(harness.backend.journal().calls()).last().isEqualTo("tearDownRun " + end.runId());
  }
}
