package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Memoization and caches through the server: {@code "cached"} in the job JSON, and {@code
 * GET/DELETE /api/caches}, on a real server with the embedded Temporal, its worker and Docker.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"fastci.api-token=" + ServerCachesIntegrationTest.TOKEN})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ServerCachesIntegrationTest {
  static final String TOKEN = "caches-token";
  private static final String SPEC =
      """
      {"name": "memo", "setup_pipeline_dir": true,
       "jobs": [{"name": "build", "image": "busybox:latest", "cache": true, "outputs": ["out.txt"],
                 "command": ["sh", "-c", "echo built > /fastci/pipeline/out.txt; echo done"],
                 "caches": [{"key": "tools-v1", "path": "/tools"}]}]}
      """;

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void removeWhatAFailedTestLeft() {
    api.submitted().forEach(JobContainersOnDocker::removeAllOf);
  }

  @Test
  void theSecondRunOfAMemoizedJobIsCachedAndCachesCanBeListedAndDeleted() {
    JsonNode first = api.awaitEnd(api.submit(SPEC));
    JsonNode second = api.awaitEnd(api.submit(SPEC));

    assertThat(first.get("status").asText()).as("%s", first).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(first, "build").get("cached").asBoolean()).isFalse();
    assertThat(ServerApi.job(second, "build").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(second, "build").get("cached").asBoolean()).isTrue();

    JsonNode caches = ServerApi.json(api.get("/api/caches"));
    assertThat(caches.get("items")).hasSize(2);
    assertThat(caches.get("items").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("job", "cache");
    assertThat(caches.get("items").findValuesAsText("key")).contains("tools-v1");
    assertThat(caches.get("totalBytes").asLong()).isPositive();

    String id = caches.get("items").get(0).get("id").asText();
    assertThat(delete("/api/caches/" + id).statusCode()).isEqualTo(204);
    assertThat(delete("/api/caches/" + id).statusCode()).isEqualTo(404);
    HttpResponse<String> all = delete("/api/caches");
    assertThat(ServerApi.json(all).get("deleted").asInt()).isEqualTo(1);
    assertThat(ServerApi.json(api.get("/api/caches")).get("items")).isEmpty();
  }

  @Test
  void cachesNeedTheToken() {
    ServerApi anonymous = new ServerApi("http://127.0.0.1:" + port, null);

    assertThat(anonymous.get("/api/caches").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> delete(String path) {
    return api.send(api.request(path).DELETE().build());
  }
}
