package dev.fastci.server.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.ServerApi;
import dev.fastci.testing.SmartHttpGitServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on the dummy backend, with what a forge would be around it: its repositories
 * served over real smart HTTP with basic authentication (the token clone path), and its status API
 * played by a local server, since the tests cannot reach a real forge. The forge tests share this
 * one server; each registers repositories of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + ForgeServerTestBase.API_TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=forge-host",
      "fastci.janitor.every=1h",
      "fastci.public-url=https://ci.example.com/",
      "fastci.limits.max-body-bytes=200000"
    })
@Import(ForgeServerTestBase.Secrets.class)
abstract class ForgeServerTestBase {
  static final String API_TOKEN = "forge-api-token";
  static final String FORGE_TOKEN = "forge-token-value";
  static final String HOOK_SECRET = "webhook-shared-secret";
  static final String DEPLOY_KEY = "deploy-key-value";
  private static final Path DATA_DIR = tempDir("fastci-forges-");

  /** The forge: its git server (and repositories) and its status APIs, one per forge. */
  static final class Forge {
    static final SmartHttpGitServer GIT = gitServer();
    static final LocalForgeApi GITHUB = api("Authorization", "Bearer " + FORGE_TOKEN);
    static final LocalForgeApi GITEA = api("Authorization", "token " + FORGE_TOKEN);
    static final LocalForgeApi GITLAB = api("PRIVATE-TOKEN", FORGE_TOKEN);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Secrets {
    @Bean
    @Primary
    SecretSource forgeSecrets() {
      return SecretSource.fromVariables(
          Map.of(
              "FASTCI_SECRET_FORGE_TOKEN", FORGE_TOKEN,
              "FASTCI_SECRET_WRONG_TOKEN", "not-the-token",
              "FASTCI_SECRET_HOOK_SECRET", HOOK_SECRET,
              "FASTCI_SECRET_DEPLOY_KEY", DEPLOY_KEY));
    }
  }

  @LocalServerPort int port;
  ServerApi api;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
  }

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, API_TOKEN);
  }

  /** A repository on the forge, served at {@code <git server>/<name>.git}. */
  static ForgeRepository repository(String name) {
    ForgeRepository repo = new ForgeRepository(tempDir("fastci-forge-repo-"));
    try {
      return repo.servedAt(Forge.GIT.serve(name, repo.gitDir()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers the repository through the API; returns its JSON. */
  JsonNode register(String forge, String name, String cloneUrl, String apiUrl, String more) {
    HttpResponse<String> answer =
        api.post(
            "/api/repos",
            "{\"forge\":\""
                + forge
                + "\",\"name\":\""
                + name
                + "\",\"clone_url\":\""
                + cloneUrl
                + "\",\"api_url\":\""
                + apiUrl
                + "\",\"token_secret\":\"FORGE_TOKEN\","
                + "\"hook_secret\":\"HOOK_SECRET\""
                + more
                + "}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return ServerApi.json(answer);
  }

  /** Posts a delivery to {@code /api/hooks/<forge>} as the forge would: no API token. */
  HttpResponse<String> deliver(String forge, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base() + "/api/hooks/" + forge))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return api.send(request.build());
  }

  private static SmartHttpGitServer gitServer() {
    try {
      return SmartHttpGitServer.start(null, FORGE_TOKEN); // any user name, as the forges take
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LocalForgeApi api(String header, String value) {
    try {
      return LocalForgeApi.start(header, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
