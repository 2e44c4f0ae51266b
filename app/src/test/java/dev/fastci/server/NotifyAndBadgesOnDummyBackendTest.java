package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.notify.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Notifications (to a local HTTP server) and status badges, on the dummy backend. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + NotifyAndBadgesOnDummyBackendTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=notify-host",
      "fastci.janitor.every=1h",
      "fastci.public-url=http://ci.example/"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotifyAndBadgesOnDummyBackendTest {
  static final String TOKEN = "notify-token";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final WebhookReceiver hooks = new WebhookReceiver();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @AfterAll
  static void stopHooks() {
    hooks.close();
  }

  @LocalServerPort int port;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  private static String pipeline(String name, String notify) {
    return "{\"name\":\""
        + name
        + "\",\"parameters\":{\"CODE\":{\"default\":\"0\"}},"
        + "\"jobs\":[{\"name\":\"build\",\"image\":\"i\",\"command\":\"true\","
        + "\"env\":{\"DUMMY_EXIT_CODE\":\"{{ params.CODE }}\"}},"
        + "{\"name\":\"lint\",\"image\":\"i\",\"command\":\"true\"}],"
        + "\"notify\":"
        + notify
        + "}";
  }

  private String run(String spec, String branch, int code, String status) {
    HttpResponse<String> created =
        api.post("/api/pipelines?branch=" + branch + "&param.CODE=" + code, spec);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = ServerApi.json(created).get("id").asText();
    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo(status);
    return id;
  }

  private JsonNode awaitEvent(String id, String event) {
    return api.awaitDetail(
        id, WAIT, "event " + event, d -> d.get("events").toString().contains(event));
  }

  @Test
  void failureAndFixedAreToldWithTheRunAndASecondSuccessIsNot() throws Exception {
    String spec =
        pipeline(
            "told",
            "[{\"webhook\":\""
                + hooks.url("/told")
                + "\",\"on\":[\"failure\",\"fixed\"]},{\"webhook\":\""
                + hooks.url("/always")
                + "\",\"on\":[\"always\"]}]");

    String failed = run(spec, "main", 3, "FAILED");
    WebhookReceiver.Received told = hooks.next("/told", WAIT);
    JsonNode body = JSON.readTree(told.body());
    assertThat(told.header("Content-Type")).isEqualTo("application/json");
    assertThat(body.get("runId").asText()).isEqualTo(failed);
    assertThat(body.get("pipeline").asText()).isEqualTo("told");
    assertThat(body.get("status").asText()).isEqualTo("FAILED");
    assertThat(body.get("branch").asText()).isEqualTo("main");
    assertThat(body.has("commit")).isTrue();
    assertThat(body.get("durationMs").asLong()).isNotNegative();
    assertThat(body.get("url").asText()).isEqualTo("http://ci.example/runs/" + failed);
    assertThat(body.get("failedJobs").toString()).isEqualTo("[\"build\"]");
    awaitEvent(failed, "notified " + hooks.url("/told") + " (200)");
    hooks.next("/always", WAIT);

    String fixed = run(spec, "main", 0, "SUCCEEDED");
    JsonNode fixedBody = JSON.readTree(hooks.next("/told", WAIT).body());
    assertThat(fixedBody.get("runId").asText()).isEqualTo(fixed);
    assertThat(fixedBody.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(fixedBody.get("failedJobs").toString()).isEqualTo("[]");
    hooks.next("/always", WAIT);

    String again = run(spec, "main", 0, "SUCCEEDED");
    assertThat(JSON.readTree(hooks.next("/always", WAIT).body()).get("runId").asText())
        .isEqualTo(again);
    awaitEvent(again, "notified " + hooks.url("/always") + " (200)");
    assertThat(hooks.unread("/told")).as("a success after a success is not a fix").isEmpty();

    String otherBranch = run(spec, "other", 0, "SUCCEEDED");
    hooks.next("/always", WAIT);
    awaitEvent(otherBranch, "notified " + hooks.url("/always") + " (200)");
    assertThat(hooks.unread("/told")).as("no failure before it on its branch").isEmpty();
  }

  @Test
  void aDeliveryIsRetriedWithBackoffAndNeverChangesTheRun() throws Exception {
    hooks.failFirst("/flaky", 1);
    String id =
        run(
            pipeline(
                "flaky", "[{\"webhook\":\"" + hooks.url("/flaky") + "\",\"on\":[\"success\"]}]"),
            "main",
            0,
            "SUCCEEDED");

    hooks.next("/flaky", WAIT);
    JsonNode detail = awaitEvent(id, "notified " + hooks.url("/flaky") + " (200)");
    assertThat(hooks.requests("/flaky")).isEqualTo(2);
    assertThat(detail.get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aWebhookThatDoesNotMatchTheEndIsNotTold() throws Exception {
    String id =
        run(
            pipeline(
                "quiet",
                "[{\"webhook\":\""
                    + hooks.url("/quiet")
                    + "\",\"on\":[\"failure\"]},{\"webhook\":\""
                    + hooks.url("/quiet-always")
                    + "\",\"on\":[\"always\"]}]"),
            "main",
            0,
            "SUCCEEDED");
    hooks.next("/quiet-always", WAIT);
    awaitEvent(id, "notified " + hooks.url("/quiet-always") + " (200)");
    assertThat(hooks.requests("/quiet")).isZero();
  }

  private HttpResponse<String> badge(String path) {
    return new ServerApi("http://127.0.0.1:" + port, null).get(path);
  }

  @Test
  void aBadgeShowsTheNewestFinishedRunOfThePipelineAndBranchWithoutALogin() {
    String spec = pipeline("badged", "[]");
    HttpResponse<String> none = badge("/badge/badged.svg");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(none.body()).startsWith("<svg").contains(">unknown<").contains("#9f9f9f");

    run(spec, "main", 1, "FAILED");
    assertThat(badge("/badge/badged.svg?branch=main").body())
        .contains(">failing<")
        .contains("#e05d44")
        .contains(">badged<");
    run(spec, "next", 0, "SUCCEEDED");
    assertThat(badge("/badge/badged.svg?branch=next").body()).contains(">passing<");
    assertThat(badge("/badge/badged.svg?branch=main").body()).contains(">failing<");
    assertThat(badge("/badge/badged.svg").body()).as("newest on any branch").contains(">passing<");
    assertThat(badge("/badge/badged.svg?branch=gone").body()).contains(">unknown<");
  }
}
