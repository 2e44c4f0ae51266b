package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Services on the real Docker engine: busybox httpd services reached at localhost and by name, a
 * real PostgreSQL server (fastci/postgres:15, from scripts/postgres-image.sh) that a job queries
 * with psql, services that fail, and a cancelled run; none leaves a container behind.
 */
class ServicesIntegrationTest extends EngineIntegrationTest {
  static final String POSTGRES = "fastci/postgres:15";

  private static final String WEB =
      """
      {"name": "web", "image": "busybox:latest",
       "command": ["sh", "-c", "mkdir -p /www && echo hello from %s > /www/index.html && httpd -f -p %d -h /www"],
       %s}
      """;

  @Test
  void jobsReachHttpdServicesAtLocalhostAndByTheirNames() throws IOException {
    String web =
        WEB.formatted(
            "web",
            8080,
            "\"ready\": {\"command\": [\"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:8080/\"]}");
    String api =
        WEB.replace("\"web\"", "\"api\"")
            .formatted("api", 8081, "\"ready\": {\"tcp\": 8081, \"timeout_secs\": 20}");
    PipelineState end =
        engine.run(
            """
            {"name": "httpd", "services": [%s, %s],
             "jobs": [{"name": "get", "image": "busybox:latest", "services": ["web", "api"],
                       "command": ["sh", "-c", "wget -q -O - http://web:8080/ && wget -q -O - http://localhost:8080/ && wget -q -O - http://api:8081/"]}]}
            """
                .formatted(web, api));

    assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(end.runId(), "get"))
        .isEqualTo("hello from web\nhello from web\nhello from api\n");
    assertThat(end.services()).extracting(ServiceState::status).containsOnly(ServiceStatus.STOPPED);
    assertThat(serviceLog(end, "web"))
        .contains("fastci: service web is ready (ready.command wget -q -O /dev/null");
    assertThat(serviceLog(end, "api")).contains("fastci: service api is ready (ready.tcp 8081)");
    assertNoContainersOf(end.runId());
    assertThat(engine.dataDir().resolve("hosts").resolve(end.runId())).doesNotExist();
  }

  @Test
  void aJobQueriesAPostgresqlServiceWithPsqlOnceItsHealthcheckSaysItIsReady() throws IOException {
    DockerEngine.requireImage(POSTGRES, "scripts/postgres-image.sh");
    PipelineState end =
        engine.run(
            """
            {"name": "pg",
             "services": [{"name": "db", "image": "fastci/postgres:15",
                           "env": {"POSTGRES_PASSWORD": "ci", "POSTGRES_DB": "app"},
                           "ready": {"timeout_secs": 50}}],
             "jobs": [{"name": "query", "image": "fastci/postgres:15", "services": ["db"],
                       "env": {"PGPASSWORD": "ci"},
                       "command": ["sh", "-c", "psql -h db -U postgres -d app -tA -c 'create table t (x int); insert into t values (42)' && psql -h localhost -U postgres -d app -tA -c 'select x * 2 from t'"]}]}
            """);

    assertThat(end.status()).as("%s", end).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(end.runId(), "query")).isEqualTo("CREATE TABLE\nINSERT 0 1\n84\n");
    assertThat(serviceLog(end, "db"))
        .contains("fastci-postgres: made database app for user postgres")
        .contains("fastci: service db is ready (its image's HEALTHCHECK)");
    assertNoContainersOf(end.runId());
  }

  @Test
  void servicesThatExitOrAreNeverReadyEndTheJobsThatNeedThemInErrorWithTheirLog() {
    PipelineState end =
        engine.run(
            """
            {"name": "failing",
             "services": [
               {"name": "crash", "image": "busybox:latest",
                "command": ["sh", "-c", "echo cannot open the config; exit 3"],
                "ready": {"command": ["true"]}},
               {"name": "slow", "image": "busybox:latest", "command": ["sleep", "600"],
                "ready": {"tcp": 5432, "timeout_secs": 2}}],
             "jobs": [{"name": "a", "image": "busybox:latest", "command": "true", "services": ["crash"]},
                      {"name": "b", "image": "busybox:latest", "command": "true", "services": ["slow"]},
                      {"name": "c", "image": "busybox:latest", "command": "true"}]}
            """);

    assertThat(end.job("a").status()).isEqualTo(JobStatus.ERROR);
    assertThat(end.job("a").error())
        .startsWith("service crash exited with code 3 before it was ready; its log ends with:")
        .contains("  cannot open the config");
    assertThat(end.job("b").status()).isEqualTo(JobStatus.ERROR);
    assertThat(end.job("b").error())
        .startsWith("service slow was not ready within 2 s (ready.tcp 5432)");
    assertThat(end.job("c").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertNoContainersOf(end.runId());
  }

  @Test
  void aCancelledRunRemovesItsServices() {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "cancelled",
             "services": [{"name": "idle", "image": "busybox:latest", "command": ["sleep", "600"]}],
             "jobs": [{"name": "long", "image": "busybox:latest", "command": ["sleep", "600"],
                       "services": ["idle"]}]}
            """);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              PipelineState now = engine.stub(run.runId()).state();
              return now != null && now.job("long").status() == JobStatus.RUNNING;
            });

    io.temporal.client.WorkflowStub.fromTyped(engine.stub(run.runId())).cancel();
    PipelineState end = run.await();

    assertThat(end.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(end.services()).extracting(ServiceState::status).containsOnly(ServiceStatus.STOPPED);
    assertNoContainersOf(end.runId());
  }

  private static String serviceLog(PipelineState end, String service) throws IOException {
    Path log =
        engine
            .dataDir()
            .resolve("logs")
            .resolve(end.runId())
            .resolve("services/" + service + ".1.log");
    return Files.readString(log);
  }
}
