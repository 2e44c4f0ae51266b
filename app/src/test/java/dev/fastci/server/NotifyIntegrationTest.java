package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.notify.WebhookReceiver;
import dev.fastci.testing.DockerEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A pipeline that breaks and is fixed on real Docker: its webhook (a local HTTP server) is told of
 * the failure and of the fix, with the failed job, and the badge follows.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + NotifyIntegrationTest.TOKEN,
      "fastci.public-url=http://ci.example/"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotifyIntegrationTest {
  static final String TOKEN = "notify-docker-token";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final WebhookReceiver hooks = new WebhookReceiver();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;

  @AfterAll
  static void stopHooks() {
    hooks.close();
  }

  private ServerApi api() {
    return new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  private final List<String> runs = new ArrayList<>();

  @AfterEach
  void removeWhatAFailedTestLeft() {
    runs.forEach(JobContainersOnDocker::removeAllOf);
  }

  @Test
  void aBreakAndItsFixAreToldAndTheBadgeFollows() throws Exception {
    ServerApi api = api();
    String spec =
        """
        {"name": "chat", "parameters": {"CODE": {"default": "0"}},
         "jobs": [{"name": "test", "image": "busybox:latest",
                   "command": ["sh", "-c", "echo testing; exit {{ params.CODE }}"]}],
         "notify": [{"webhook": "%s", "on": ["failure", "fixed"]}]}
        """
            .formatted(hooks.url("/chat"));

    String broken = run(api, spec, 1);
    JsonNode told = JSON.readTree(hooks.next("/chat", WAIT).body());
    assertThat(told.get("runId").asText()).isEqualTo(broken);
    assertThat(told.get("status").asText()).isEqualTo("FAILED");
    assertThat(told.get("failedJobs").toString()).isEqualTo("[\"test\"]");
    assertThat(told.get("url").asText()).isEqualTo("http://ci.example/runs/" + broken);
    assertThat(badge()).contains(">failing<");

    String fixed = run(api, spec, 0);
    JsonNode fix = JSON.readTree(hooks.next("/chat", WAIT).body());
    assertThat(fix.get("runId").asText()).isEqualTo(fixed);
    assertThat(fix.get("status").asText()).isEqualTo("SUCCEEDED");
    api.awaitDetail(
        fixed,
        WAIT,
        "the delivery is a run event",
        d -> d.get("events").toString().contains("notified " + hooks.url("/chat") + " (200)"));
    assertThat(badge()).contains(">passing<");
  }

  private String run(ServerApi api, String spec, int code) {
    HttpResponse<String> created = api.post("/api/pipelines?branch=main&param.CODE=" + code, spec);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = ServerApi.json(created).get("id").asText();
    runs.add(id);
    JsonNode end = api.awaitEnd(id);
    assertThat(end.get("status").asText())
        .as("%s", end)
        .isEqualTo(code == 0 ? "SUCCEEDED" : "FAILED");
    return id;
  }

  private String badge() {
    HttpResponse<String> badge =
        new ServerApi("http://127.0.0.1:" + port, null).get("/badge/chat.svg?branch=main");
    assertThat(badge.statusCode()).isEqualTo(200);
    return badge.body();
  }
}
