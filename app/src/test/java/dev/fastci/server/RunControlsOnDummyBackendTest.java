package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.worker.Engine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Parameters and concurrency groups through the HTTP API, on the dummy backend. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + RunControlsOnDummyBackendTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=controls-host",
      "fastci.janitor.every=1h"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RunControlsOnDummyBackendTest {
  static final String TOKEN = "controls-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired Engine engine;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void noCallCameOutOfOrder() {
    assertThat(((DummyBackend) engine.backend()).journal().violations()).isEmpty();
  }

  private static final String DEPLOY =
      "{\"name\":\"deploy\",\"parameters\":{\"TARGET\":{\"default\":\"staging\","
          + "\"choices\":[\"staging\",\"production\"]}},"
          + "\"jobs\":[{\"name\":\"apply\",\"image\":\"i\",\"command\":\"true\","
          + "\"env\":{\"DUMMY_OUTPUT\":\"to {{ params.TARGET }}\\n\"}}]}";

  @Test
  void aParameterGivenWithTheRunReachesItsJobsAndAWrongOneIsRefused() {
    HttpResponse<String> created = api.post("/api/pipelines?param.TARGET=production", DEPLOY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = ServerApi.json(created).get("id").asText();

    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.log(id, "apply", null)).isEqualTo("to production\n");
    HttpResponse<String> wrong = api.post("/api/pipelines?param.TARGET=qa", DEPLOY);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body())
        .contains("\"path\":\"params.TARGET\"")
        .contains("is not one of staging, production");
  }

  @Test
  void aRetryKeepsTheParametersOfTheRun() {
    String flaky =
        DEPLOY
            .replace("\"env\":{", "\"env\":{\"DUMMY_EXIT_CODE\":\"{{ params.CODE }}\",")
            .replace("\"parameters\":{", "\"parameters\":{\"CODE\":{\"default\":\"0\"},");
    HttpResponse<String> created =
        api.post("/api/pipelines?param.CODE=3&param.TARGET=production", flaky);
    String id = ServerApi.json(created).get("id").asText();
    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("FAILED");

    assertThat(api.post("/api/pipelines/" + id + "/retry", null).statusCode()).isEqualTo(202);
    JsonNode again = api.awaitEnd(id, 2, Duration.ofSeconds(30));
    assertThat(ServerApi.job(again, "apply").get("exitCode").asInt())
        .as("CODE is still 3")
        .isEqualTo(3);
    assertThat(api.log(id, "apply", 2)).isEqualTo("to production\n");
  }

  private static String grouped(String name, boolean cancelInProgress) {
    return "{\"name\":\""
        + name
        + "\",\"concurrency\":{\"group\":\"deploy-{{ git.branch }}\",\"cancel_in_progress\":"
        + cancelInProgress
        + "},\"jobs\":[{\"name\":\"held\",\"image\":\"i\",\"command\":\"true\","
        + "\"env\":{\"DUMMY_SLEEP_MS\":\"1500\"}}]}";
  }

  private String submitOnMain(String spec) {
    HttpResponse<String> created = api.post("/api/pipelines?branch=main", spec);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ServerApi.json(created).get("id").asText();
  }

  @Test
  void aNewRunOfAGroupWithCancelInProgressSupersedesTheRunningOne() {
    String first = submitOnMain(grouped("a", true));
    api.awaitJob(first, "held", "RUNNING");
    String second = submitOnMain(grouped("a", true));

    JsonNode superseded = api.awaitEnd(first);
    assertThat(superseded.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(superseded.get("events").toString()).contains("superseded by " + second);
    assertThat(api.awaitEnd(second).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void withoutCancelInProgressANewRunWaitsQueuedAndOnlyTheNewestQueuedOneRuns() {
    String first = submitOnMain(grouped("b", false));
    api.awaitJob(first, "held", "RUNNING");
    String second = submitOnMain(grouped("b", false));
    String third = submitOnMain(grouped("b", false));

    assertThat(api.detail(third).get("status").asText()).isEqualTo("QUEUED");
    JsonNode older = api.awaitEnd(second);
    assertThat(older.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(older.get("events").toString()).contains("superseded by " + third);
    assertThat(api.awaitEnd(first).get("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode newest = api.awaitEnd(third);
    assertThat(newest.get("status").asText()).isEqualTo("SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Duration.between(
                            java.time.Instant.parse(api.detail(first).get("finishedAt").asText()),
                            java.time.Instant.parse(newest.get("startedAt").asText()))
                        .toMillis()
                    >= 0);
  }

  private static final String GATED =
      "{\"name\":\"gated\",\"parameters\":{\"TARGET\":{\"default\":\"staging\"}},\"jobs\":["
          + "{\"name\":\"plan\",\"image\":\"i\",\"command\":\"true\"},"
          + "{\"name\":\"approve\",\"approval\":{\"message\":\"Deploy {{ params.TARGET }}?\"}},"
          + "{\"name\":\"apply\",\"image\":\"i\",\"command\":\"true\"}],"
          + "\"parents\":{\"approve\":[\"plan\"],\"apply\":[\"approve\"]}}";

  @Test
  void aRunWaitsAtItsApprovalUntilApprovedThroughTheApi() {
    String id = ServerApi.json(api.post("/api/pipelines", GATED)).get("id").asText();
    JsonNode waiting = api.awaitJob(id, "approve", "WAITING");
    assertThat(waiting.get("status").asText()).isEqualTo("WAITING");
    assertThat(ServerApi.job(waiting, "approve").get("approvalMessage").asText())
        .isEqualTo("Deploy staging?");
    assertThat(api.post("/api/pipelines/" + id + "/jobs/apply/approve", null).statusCode())
        .as("apply does not wait for approval")
        .isEqualTo(409);

    HttpResponse<String> approved =
        api.post("/api/pipelines/" + id + "/jobs/approve/approve", "{\"comment\":\"go\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);

    JsonNode end = api.awaitEnd(id);
    assertThat(end.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(end, "apply").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(end.get("events").toString()).contains("approve approved by api: go");
  }

  @Test
  void aRejectionFailsTheApprovalAndSkipsWhatFollows() {
    String id = ServerApi.json(api.post("/api/pipelines", GATED)).get("id").asText();
    api.awaitJob(id, "approve", "WAITING");
    assertThat(
            api.post("/api/pipelines/" + id + "/jobs/approve/reject", "{\"comment\":3}")
                .statusCode())
        .isEqualTo(400);

    assertThat(api.post("/api/pipelines/" + id + "/jobs/approve/reject", null).statusCode())
        .isEqualTo(202);

    JsonNode end = api.awaitEnd(id);
    assertThat(end.get("status").asText()).isEqualTo("FAILED");
    assertThat(ServerApi.job(end, "approve").get("error").asText())
        .isEqualTo("approve rejected by api");
    assertThat(ServerApi.job(end, "apply").get("status").asText()).isEqualTo("SKIPPED");
  }
}
