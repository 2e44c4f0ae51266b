package dev.fastci.server.forge;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.ServerApi;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.SmartHttpGitServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub end to end on the real Docker engine: signed deliveries of GitHub's documented payloads
 * (changed to this repository's commits) start containers that see the pushed commit, cloned with
 * the token over smart HTTP; the statuses go from pending to success or failure on the (local)
 * status API; a fork's pull request waits for approval, then gets no secret; a delivery sent again
 * starts nothing; a bad signature is a 401.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"fastci.api-token=forge-it", "fastci.public-url=https://ci.example.com"})
@Import(ForgeIntegrationTest.Secrets.class)
class ForgeIntegrationTest {
  private static final String NAME = "Codertocat/Hello-World";
  private static final String TOKEN = "it-forge-token";
  private static final String HOOK = "it-hook-secret";
  private static final String KEY = "it-deploy-key";
  private static SmartHttpGitServer git;
  private static LocalForgeApi statuses;
  private static ForgeRepository repo;

  @TestConfiguration(proxyBeanMethods = false)
  static class Secrets {
    @Bean
    @Primary
    SecretSource itSecrets() {
      return SecretSource.fromVariables(
          Map.of(
              "FASTCI_SECRET_GH_TOKEN", TOKEN,
              "FASTCI_SECRET_GH_HOOK", HOOK,
              "FASTCI_SECRET_DEPLOY_KEY", KEY));
    }
  }

  @LocalServerPort int port;
  private ServerApi api;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    Path dataDir = Files.createTempDirectory("fastci-forge-it-");
    registry.add("fastci.data-dir", dataDir::toString);
  }

  @BeforeAll
  static void forge() throws IOException {
    git = SmartHttpGitServer.start(null, TOKEN);
    statuses = LocalForgeApi.start("Authorization", "Bearer " + TOKEN);
    repo = new ForgeRepository(Files.createTempDirectory("fastci-forge-it-repo-"));
    repo.servedAt(git.serve(NAME, repo.gitDir()));
  }

  @AfterAll
  static void stopForge() {
    git.close();
    statuses.close();
  }

  @BeforeEach
  void registered() {
    api = new ServerApi("http://127.0.0.1:" + port, "forge-it");
    if (ServerApi.json(api.get("/api/repos")).get("items").isEmpty()) {
      HttpResponse<String> answer =
          api.post(
              "/api/repos",
              "{\"forge\":\"github\",\"name\":\""
                  + NAME
                  + "\",\"clone_url\":\""
                  + repo.cloneUrl()
                  + "\",\"api_url\":\""
                  + statuses.url()
                  + "\",\"token_secret\":\"GH_TOKEN\","
                  + "\"hook_secret\":\"GH_HOOK\"}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
  }

  private HttpResponse<String> deliver(Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base() + "/api/hooks/github"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return api.send(request.build());
  }

  private static String job(String name, String script, String more) {
    return "{\"name\":\""
        + name
        + "\",\"image\":\"busybox:latest\","
        + "\"command\":[\"sh\",\"-c\",\""
        + script
        + "\"]"
        + more
        + "}";
  }

  private static List<LocalForgeApi.Posted> statusesOf(String context, String sha) {
    return statuses.posted(context).stream().filter(p -> p.path().endsWith("/" + sha)).toList();
  }

  private void awaitFinalStatus(String context, String sha, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(statusesOf(context, sha))
                    .last()
                    .extracting(LocalForgeApi.Posted::state)
                    .isEqualTo(state));
  }

  @Test
  void aSignedPushRunsThePipelinesAtThePushedCommitAndSetsTheirStatuses() {
    String commit =
        repo.commit(
            Map.of(
                "version.txt", "pushed\n",
                ".fastci/build.json",
                    "{\"name\":\"build\",\"jobs\":[" + job("show", "cat version.txt", "") + "]}",
                ".fastci/test.json",
                    "{\"name\":\"test\",\"jobs\":[" + job("fail", "exit 3", "") + "]}"));
    byte[] body =
        changed(
            "github/push.json",
            tree -> {
              tree.put("ref", "refs/heads/main");
              tree.put("after", commit);
              at(tree, "head_commit").put("id", commit);
            });
    Map<String, String> headers = github("push", body, HOOK);
    int before = ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asInt();

    HttpResponse<String> answer = deliver(headers, body);
    HttpResponse<String> again = deliver(headers, body);
    HttpResponse<String> forged = deliver(github("push", body, "not the secret"), body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode ids = ServerApi.json(answer).get("pipelines");
    assertThat(ids).hasSize(2);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(ServerApi.json(again).get("pipelines")).isEqualTo(ids);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asInt())
        .as("the delivery sent again and the forged one started nothing")
        .isEqualTo(before + 2);
    JsonNode started =
        ServerApi.json(api.get("/api/audit?action=run.start&run=" + ids.get(0).asText()))
            .get("items");
    assertThat(started).hasSize(1);
    assertThat(started.get(0).get("user").asText()).as("the forge started it").isEqualTo("forge");
    assertThat(started.get(0).get("detail").asText()).isEqualTo("trigger push");
    for (JsonNode id : ids) {
      JsonNode run = api.awaitEnd(id.asText());
      String name = run.get("name").asText();
      if (name.equals("build")) {
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.log(id.asText(), "show", null)).isEqualTo("pushed\n");
      } else {
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
      }
      String state = name.equals("build") ? "success" : "failure";
      awaitFinalStatus("fastci/" + name, commit, state);
      List<LocalForgeApi.Posted> sent = statusesOf("fastci/" + name, commit);
      assertThat(sent.get(0).state()).isEqualTo("pending");
      assertThat(sent)
          .allSatisfy(
              s ->
                  assertThat(s.body().get("target_url").asText())
                      .isEqualTo("https://ci.example.com/runs/" + id.asText()));
    }
  }

  @Test
  void aForksPullRequestWaitsForApprovalThenRunsAtItsHeadWithoutTheSecret() {
    String head =
        repo.commitOnlyUnder(
            "refs/pull/11/head",
            Map.of(
                ".fastci/checks.json",
                "{\"name\":\"checks\",\"jobs\":["
                    + job("peek", "echo key=${DEPLOY_KEY:-none}", "")
                    + ","
                    + job("deploy", "true", ",\"secrets\":[\"DEPLOY_KEY\"]")
                    + "]}"));
    byte[] body =
        changed(
            "github/pull_request_opened.json",
            tree -> {
              tree.put("number", 11);
              at(tree, "pull_request").put("number", 11);
              at(tree, "pull_request.head").put("sha", head);
              at(tree, "pull_request.head.repo").put("full_name", "someone/Hello-World");
            });

    HttpResponse<String> answer = deliver(github("pull_request", body, HOOK), body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    String id = null;
    for (JsonNode started : ServerApi.json(answer).get("pipelines")) {
      JsonNode held = api.detail(started.asText()); // main's pipelines run for the PR too
      assertThat(held.get("status").asText()).as("%s", held).isEqualTo("WAITING");
      if (held.get("name").asText().equals("checks")) {
        id = started.asText();
      }
    }
    assertThat(id).as("the run of checks.json").isNotNull();
    awaitFinalStatus("fastci/checks", head, "pending");
    assertThat(DockerEngine.fastciContainers(id)).as("nothing runs before the approval").isEmpty();

    for (JsonNode started : ServerApi.json(answer).get("pipelines")) {
      HttpResponse<String> approved =
          api.post("/api/pipelines/" + started.asText() + "/approve", "");
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
    }

    JsonNode run = api.awaitEnd(id);
    assertThat(api.log(id, "peek", null)).isEqualTo("key=none\n");
    assertThat(ServerApi.job(run, "deploy").get("status").asText()).isEqualTo("ERROR");
    assertThat(ServerApi.job(run, "deploy").get("error").asText())
        .contains("is not given to a pull request from a fork");
    assertThat(run.at("/trigger/fork").asText()).isEqualTo("true");
    awaitFinalStatus("fastci/checks", head, "failure");
    for (JsonNode started : ServerApi.json(answer).get("pipelines")) {
      api.awaitEnd(started.asText());
    }
  }
}
