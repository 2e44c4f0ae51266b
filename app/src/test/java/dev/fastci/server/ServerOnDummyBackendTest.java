package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.Labels;
import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.server.janitor.Janitor;
import dev.fastci.worker.Engine;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole server without Docker: HTTP API → workflow → job activities on the dummy backend →
 * recorder → store → UI, and the janitor. Jobs say what they do with DUMMY_* environment variables.
 * The kept pipeline dirs have a budget of 1 KiB: the dummy's jobs leave nothing in them, so only a
 * dir the test fills goes over it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + ServerOnDummyBackendTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=dummy-host",
      "fastci.retention.pipeline-dir-max-size=1k",
      "fastci.janitor.every=1h" // the test sweeps itself
    })
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false) // the Prometheus registry, which tests leave out
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ServerOnDummyBackendTest {
  static final String TOKEN = "dummy-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired Engine engine;
  @Autowired Janitor janitor;
  @Autowired FastciProperties properties;
  @Autowired MockMvc mvc;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void noCallCameOutOfOrder() {
    assertThat(backend().journal().violations()).as("calls out of order").isEmpty();
  }

  private DummyBackend backend() {
    return (DummyBackend) engine.backend();
  }

  private static String job(String name, String env) {
    return "{\"name\":\"" + name + "\",\"image\":\"i\",\"command\":\"true\",\"env\":{" + env + "}}";
  }

  private static String pipeline(String name, String parents, String... jobs) {
    return "{\"name\":\""
        + name
        + "\",\"jobs\":["
        + String.join(",", jobs)
        + "]"
        + (parents == null ? "" : ",\"parents\":" + parents)
        + "}";
  }

  private static String jobStatus(JsonNode detail, String job) {
    return ServerApi.job(detail, job).get("status").asText();
  }

  private void awaitNoContainersOf(String runId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> backend().journal().existing().stream().noneMatch(n -> n.contains(runId)));
  }

  @Test
  void aSubmittedRunSucceedsAndItsLogAndPagesShowIt() throws Exception {
    String id =
        api.submit(
            pipeline(
                "hello",
                "{\"b\":[\"a\"]}",
                job("a", "\"DUMMY_OUTPUT\":\"hello from a\\n\""),
                job("b", "\"DUMMY_OUTPUT_LINES\":\"2\"")));

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(jobStatus(end, "a")).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(end, "b").get("host").asText()).isEqualTo("dummy-host");
    assertThat(api.log(id, "a", null)).isEqualTo("hello from a\n");
    assertThat(api.log(id, "b", 1)).isEqualTo("line 1\nline 2\n");
    mvc.perform(get("/runs/" + id).with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("data-job=\"b\"")));
    mvc.perform(get("/").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(id)));
    awaitNoContainersOf(id);
  }

  @Test
  void aFailingJobFailsTheRunAndSkipsItsChild() {
    String id =
        api.submit(
            pipeline(
                "failing",
                "{\"after\":[\"broken\"]}",
                job("broken", "\"DUMMY_EXIT_CODE\":\"3\""),
                job("after", "")));

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("FAILED");
    assertThat(jobStatus(end, "broken")).isEqualTo("FAILED");
    assertThat(ServerApi.job(end, "broken").get("exitCode").asInt()).isEqualTo(3);
    assertThat(jobStatus(end, "after")).isEqualTo("SKIPPED");
    awaitNoContainersOf(id);
  }

  @Test
  void cancellingARunKillsItsRunningJob() {
    String id = api.submit(pipeline("cancel", null, job("held", "\"DUMMY_HOLD\":\"true\"")));
    api.awaitJob(id, "held", "RUNNING");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> backend().isRunning(id + "-dummy-host-held-1"));

    HttpResponse<String> cancel = api.post("/api/pipelines/" + id + "/cancel", null);

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    JsonNode end = api.awaitEnd(id);
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("CANCELLED");
    assertThat(jobStatus(end, "held")).isEqualTo("CANCELLED");
    assertThat(backend().journal().run(id + "-dummy-host-held-1").exitCode()).isEqualTo(137);
    awaitNoContainersOf(id);
  }

  @Test
  void aRetryRunsOnlyTheJobsThatDidNotSucceed() {
    String id =
        api.submit(
            pipeline(
                "retry",
                "{\"child\":[\"parent\"]}",
                job("parent", ""),
                job("child", "\"DUMMY_EXIT_CODE\":\"1\"")));
    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("FAILED");

    HttpResponse<String> retry = api.post("/api/pipelines/" + id + "/retry", null);

    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
    JsonNode second = api.awaitEnd(id, 2, Duration.ofSeconds(30));
    assertThat(ServerApi.job(second, "parent").get("attempt").asInt()).isEqualTo(1);
    assertThat(ServerApi.job(second, "child").get("attempt").asInt()).isEqualTo(2);
    assertThat(backend().journal().createdCount("parent-1")).isEqualTo(1);
    assertThat(backend().journal().createdCount("child-2")).isEqualTo(1);
    awaitNoContainersOf(id);
  }

  @Test
  void aRunsServicesAreShownWithTheirStatusAndLogInTheApiAndOnItsPages() throws Exception {
    String id =
        api.submit(
            "{\"name\":\"services\",\"services\":["
                + "{\"name\":\"db\",\"image\":\"pg\",\"ready\":{\"tcp\":5432},"
                + "\"env\":{\"DUMMY_OUTPUT\":\"db booting\\nready\\n\"}},"
                + "{\"name\":\"web\",\"image\":\"httpd\",\"ready\":{\"tcp\":80,"
                + "\"timeout_secs\":1},\"env\":{\"DUMMY_NEVER_READY\":\"1\","
                + "\"DUMMY_OUTPUT\":\"bad config\\n\"}}],\"jobs\":["
                + job("uses-db", "\"DUMMY_OUTPUT\":\"ok\\n\"")
                    .replace("}}", "},\"services\":[\"db\"]}")
                + ","
                + job("uses-web", "").replace("}}", "},\"services\":[\"web\"]}")
                + "]}");

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("FAILED");
    assertThat(jobStatus(end, "uses-db")).isEqualTo("SUCCEEDED");
    assertThat(jobStatus(end, "uses-web")).isEqualTo("ERROR");
    JsonNode db = end.get("services").get(0);
    assertThat(db.get("name").asText()).isEqualTo("db");
    assertThat(db.get("status").asText()).isEqualTo("STOPPED");
    assertThat(db.get("readyAt").isNull()).as("%s", db).isFalse();
    JsonNode web = end.get("services").get(1);
    assertThat(web.get("status").asText()).isEqualTo("FAILED");
    assertThat(web.get("error").asText()).contains("was not ready within 1 s", "bad config");
    assertThat(api.text("/api/pipelines/" + id + "/services/db/log"))
        .startsWith("db booting\nready\n");
    assertThat(api.text("/api/pipelines/" + id + "/services/web/log?attempt=1"))
        .startsWith("bad config\n");
    mvc.perform(get("/runs/" + id).with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("href=\"/runs/" + id + "/services/web\"")));
    mvc.perform(get("/runs/" + id + "/services/db").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("db booting")));
  }

  @Test
  void aJobWhoseFirstTryFailsPassesOnItsSecondAndEachTryKeepsItsLog() throws Exception {
    String flaky =
        "{\"name\":\"flaky\",\"image\":\"i\",\"command\":\"true\","
            + "\"retry\":{\"max\":3,\"when\":[\"failure\"],\"backoff_secs\":0.1},"
            + "\"env\":{\"DUMMY_TRY1_EXIT_CODE\":\"1\",\"DUMMY_TRY1_OUTPUT\":\"first\\n\","
            + "\"DUMMY_TRY2_OUTPUT\":\"second\\n\"}}";
    String id = api.submit(pipeline("flaky", null, flaky));

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    JsonNode job = ServerApi.job(end, "flaky");
    assertThat(job.get("maxTries").asInt()).isEqualTo(3);
    assertThat(job.get("tries")).hasSize(2);
    assertThat(job.get("tries").get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(job.get("tries").get(0).get("exitCode").asInt()).isEqualTo(1);
    assertThat(job.get("tries").get(1).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.logWith(id, "flaky", "try=1")).isEqualTo("first\n");
    assertThat(api.logWith(id, "flaky", "try=2")).isEqualTo("second\n");
    assertThat(api.log(id, "flaky", null)).isEqualTo("second\n");
    assertThat(api.get("/api/pipelines/" + id + "/jobs/flaky/log?try=3").statusCode())
        .isEqualTo(404);
    mvc.perform(
            get("/runs/" + id + "/jobs/flaky").param("try", "1").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"tries\"")))
        .andExpect(content().string(containsString("first")));
    mvc.perform(get("/runs/" + id).with(user("admin").roles("ADMIN")))
        .andExpect(content().string(containsString("try 2 of 3")));
    awaitNoContainersOf(id);
  }

  @Test
  void theJanitorRemovesAContainerOfARunThatIsNotLive() {
    String orphan = "fastci-gone-run-dummy-host-x-1";
    backend()
        .createOrFind(
            backend().setUpRun("gone-run"),
            new ContainerSpec(
                orphan,
                "i",
                List.of("true"),
                Map.of(),
                List.of(),
                "/",
                Map.of(
                    Labels.MANAGED,
                    "true",
                    Labels.RUN,
                    "gone-run",
                    Labels.STORE,
                    properties.storeLabel())));

    Janitor.Report report = janitor.sweep();

    assertThat(report.containers()).contains(orphan);
    assertThat(backend().journal().existing()).doesNotContain(orphan);
  }

  @Test
  void prometheusMetricsNeedTheTokenAndCountRunsJobsAndTheEngine() {
    String id = api.submit(pipeline("metered", null, job("m", "\"DUMMY_OUTPUT\":\"x\\n\"")));
    api.awaitEnd(id);

    HttpResponse<String> anonymous =
        api.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(api.base() + "/actuator/prometheus"))
                .build());
    HttpResponse<String> scraped = api.get("/actuator/prometheus");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
    assertThat(scraped.body())
        .contains("fastci_runs_started_total")
        .contains("fastci_runs_finished_total{status=\"SUCCEEDED\"")
        .contains("fastci_job_duration_seconds_bucket{outcome=\"SUCCEEDED\"")
        .contains("fastci_run_queue_wait_seconds_count")
        .contains("fastci_jobs_running")
        .contains("fastci_log_bytes_total")
        .contains("fastci_temporal_embedded_generation")
        .contains("fastci_temporal_embedded_recycles_total")
        // the SDK's own meters (its counters and gauges follow every 10 s)
        .contains("temporal_request_latency_seconds_count")
        .contains("temporal_activity_execution_latency_seconds_count");
  }

  /**
   * A finished run's dir over the budget goes when the run ends; the Caches page shows the kept
   * size against the budget; a retry of that run is not refused but says it starts from a fresh
   * dir.
   */
  @Test
  void aPipelineDirOverTheBudgetGoesWhenItsRunEndsAndItsRetryStartsFresh() throws Exception {
    String id =
        api.submit(
            "{\"name\":\"budget\",\"setup_pipeline_dir\":true,\"jobs\":["
                + job("big", "\"DUMMY_HOLD\":\"true\",\"DUMMY_EXIT_CODE\":\"1\"")
                + "]}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> backend().isRunning(id + "-dummy-host-big-1"));
    Path dir = dataDir.resolve("pipelines").resolve(id);
    Files.write(dir.resolve("node_modules.bin"), new byte[4096]); // what the job left there
    backend().release("big-1");

    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("FAILED");
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(dir));
    mvc.perform(get("/caches").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("kept for retries")))
        .andExpect(content().string(containsString("1.0 KiB")));

    JsonNode retried = ServerApi.json(api.post("/api/pipelines/" + id + "/retry", ""));
    assertThat(retried.get("attempt").asInt()).isEqualTo(2);
    backend().release("big-2");
    JsonNode end = api.awaitEnd(id, 2, Duration.ofSeconds(30));
    assertThat(end.get("events").toString())
        .contains("pipeline dir was removed")
        .contains("fastci.retention.pipeline-dir-max-size")
        .contains("starts from a fresh one");
  }

  /** The history API pages a run's events and names the field of a bad request. */
  @Test
  void theHistoryApiPagesEventsAndRefusesABadPage() {
    String id = api.submit(pipeline("paged", null, job("p", "\"DUMMY_OUTPUT\":\"x\\n\"")));
    api.awaitEnd(id);

    JsonNode all = ServerApi.json(api.get("/api/pipelines/" + id + "/history?limit=1000"));
    int total = all.get("total").asInt();
    JsonNode page = ServerApi.json(api.get("/api/pipelines/" + id + "/history?offset=2&limit=3"));
    HttpResponse<String> badLimit = api.get("/api/pipelines/" + id + "/history?limit=0");
    HttpResponse<String> unknownExecution =
        api.get("/api/pipelines/" + id + "/history?execution=no-such-execution");

    assertThat(all.get("executions")).hasSize(1);
    assertThat(all.get("events")).hasSize(total);
    assertThat(page.get("events")).hasSize(3);
    assertThat(page.get("events").get(0).get("id").asLong())
        .isEqualTo(all.get("events").get(2).get("id").asLong());
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body()).contains("limit");
    assertThat(unknownExecution.statusCode()).isEqualTo(404);
  }

  @Test
  void aBranchGivenWithTheRunDecidesItsConditionsAndARetrySkipsTheSameJobs() {
    HttpResponse<String> created =
        api.post(
            "/api/pipelines?branch=feature/x",
            "{\"name\":\"cond\",\"jobs\":["
                + job("test", "\"DUMMY_EXIT_CODE\":\"1\"")
                + ",{\"name\":\"deploy\",\"image\":\"i\",\"command\":\"true\","
                + "\"when\":{\"branch\":\"main\"}}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = ServerApi.json(created).get("id").asText();

    JsonNode end = api.awaitEnd(id);
    assertThat(end.get("event").asText()).isEqualTo("api");
    assertThat(end.get("branch").asText()).isEqualTo("feature/x");
    assertThat(ServerApi.job(end, "deploy").get("skipReason").asText())
        .isEqualTo("when.branch: feature/x does not match main");
    assertThat(api.post("/api/pipelines/" + id + "/retry", null).statusCode()).isEqualTo(202);
    JsonNode again = api.awaitEnd(id, 2, java.time.Duration.ofSeconds(30));
    assertThat(ServerApi.job(again, "deploy").get("status").asText()).isEqualTo("SKIPPED");
    assertThat(ServerApi.job(again, "deploy").get("skipReason").asText())
        .isEqualTo("when.branch: feature/x does not match main");
  }

  @Test
  void aBranchGitCouldNotHaveIsRefusedNamingTheParameter() {
    HttpResponse<String> refused =
        api.post("/api/pipelines?branch=a%20b", pipeline("p", null, job("a", "")));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("branch: must be a branch name");
  }
}
