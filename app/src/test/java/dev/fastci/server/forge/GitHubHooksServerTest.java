package dev.fastci.server.forge;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.github;
import static dev.fastci.server.forge.ForgeRepository.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.ServerApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub's webhook end to end on the dummy backend: a signed push of a real payload starts the
 * repository's pipelines at the pushed commit, cloned with the token over smart HTTP, and each
 * pipeline's commit status goes from pending to its end on the (local) status API.
 */
class GitHubHooksServerTest extends ForgeServerTestBase {
  private static final String NAME = "Codertocat/Hello-World";
  private static ForgeRepository repo;

  @BeforeEach
  void registeredOnce() {
    if (repo == null) {
      repo = repository(NAME);
      register("github", NAME, repo.cloneUrl(), Forge.GITHUB.url(), "");
    }
  }

  private static byte[] push(String commit, String ref) {
    return changed(
        "github/push.json",
        tree -> {
          tree.put("ref", ref);
          tree.put("after", commit);
          at(tree, "head_commit").put("id", commit);
          at(tree, "repository").put("full_name", NAME);
        });
  }

  private HttpResponse<String> deliverPush(byte[] body) {
    return deliver("github", github("push", body, HOOK_SECRET), body);
  }

  private static List<String> ids(HttpResponse<String> answer) {
    List<String> ids = new ArrayList<>();
    ServerApi.json(answer).get("pipelines").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static LocalForgeApi.Posted lastStatus(String context, String sha) {
    List<LocalForgeApi.Posted> posted =
        Forge.GITHUB.posted(context).stream().filter(p -> p.path().endsWith("/" + sha)).toList();
    return posted.isEmpty() ? null : posted.get(posted.size() - 1);
  }

  private static void awaitStatus(String context, String sha, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(lastStatus(context, sha))
                    .extracting(LocalForgeApi.Posted::state)
                    .isEqualTo(state));
  }

  @Test
  void aSignedPushStartsEveryPipelineAtThePushedCommitAndItsStatusesFollowTheRun() {
    String commit =
        repo.commit(
            Map.of(
                ".fastci/build.json", pipeline("build", "compile", ""),
                ".fastci/broken.json",
                    pipeline("broken", "test", "\"env\":{\"DUMMY_EXIT_CODE\":\"1\"}")));

    HttpResponse<String> answer = deliverPush(push(commit, "refs/heads/main"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(ServerApi.json(answer).get("skipped")).isEmpty();
    List<String> ids = ids(answer);
    assertThat(ids).hasSize(2);
    for (String id : ids) {
      JsonNode run = api.awaitEnd(id);
      String name = run.get("name").asText();
      assertThat(run.get("status").asText())
          .isEqualTo(name.equals("build") ? "SUCCEEDED" : "FAILED");
      assertThat(run.at("/trigger/type").asText()).isEqualTo("push");
      assertThat(run.at("/trigger/forge").asText()).isEqualTo("github");
      assertThat(run.at("/trigger/branch").asText()).isEqualTo("main");
      assertThat(run.at("/trigger/after").asText()).isEqualTo(commit);
      assertThat(run.at("/spec/commit_hash").asText()).isEqualTo(commit);
      assertThat(run.at("/spec/repo_url").asText()).isEqualTo(repo.cloneUrl());
      awaitStatus("fastci/" + name, commit, name.equals("build") ? "success" : "failure");
      List<LocalForgeApi.Posted> statuses =
          Forge.GITHUB.posted("fastci/" + name).stream()
              .filter(p -> p.path().endsWith("/" + commit))
              .toList();
      assertThat(statuses.get(0).state()).as("first pending").isEqualTo("pending");
      assertThat(statuses)
          .allSatisfy(
              s -> {
                assertThat(s.path()).isEqualTo("/repos/" + NAME + "/statuses/" + commit);
                assertThat(s.body().get("target_url").asText())
                    .isEqualTo("https://ci.example.com/runs/" + id);
              });
      assertThat(api.detail(id).get("events").toString())
          .contains("commit status fastci/" + name + " set to");
    }
    assertThat(lastStatus("fastci/broken", commit).body().get("description").asText())
        .startsWith("failed: test (");
  }

  @Test
  void aDeliverySentAgainStartsNothingAndIsAnsweredWithTheSameRuns() {
    String commit = repo.commit(Map.of(".fastci/build.json", pipeline("build", "compile", "")));
    byte[] body = push(commit, "refs/heads/main");
    Map<String, String> headers = github("push", body, HOOK_SECRET);

    HttpResponse<String> first = deliver("github", headers, body);
    long runs = ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asLong();
    HttpResponse<String> again = deliver("github", headers, body);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(ids(again)).isEqualTo(ids(first)).hasSize(1);
    assertThat(ServerApi.json(again).get("redelivered").asBoolean()).isTrue();
    assertThat(ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asLong())
        .isEqualTo(runs);
    api.awaitEnd(ids(first).get(0));
    awaitStatus("fastci/build", commit, "success");
  }

  @Test
  void aBadSignatureIs401AndStartsNothing() {
    byte[] body = push(repo.commit(Map.of("a.txt", "a")), "refs/heads/main");
    long runs = ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asLong();

    HttpResponse<String> answer = deliver("github", github("push", body, "not the secret"), body);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("the signature does not match");
    assertThat(ServerApi.json(api.get("/api/pipelines?limit=1")).get("total").asLong())
        .isEqualTo(runs);
  }

  @Test
  void anUnregisteredRepositoryIs404AndAPayloadWithoutAFieldIs400NamingIt() {
    byte[] other =
        changed("github/push.json", tree -> at(tree, "repository").put("full_name", "no/such"));
    byte[] lacking =
        changed(
            "github/push.json",
            tree -> {
              tree.remove("after");
              at(tree, "repository").put("full_name", NAME);
            });

    HttpResponse<String> unknown = deliver("github", github("push", other, HOOK_SECRET), other);
    HttpResponse<String> bad = deliver("github", github("push", lacking, HOOK_SECRET), lacking);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("github repository no/such is not registered");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("the payload has no after");
  }

  @Test
  void pingIs200AndABodyOverTheLimitIs413() {
    byte[] ping =
        changed("github/ping.json", tree -> at(tree, "repository").put("full_name", NAME));
    byte[] huge = new byte[300_000];
    java.util.Arrays.fill(huge, (byte) ' ');

    HttpResponse<String> pong = deliver("github", github("ping", ping, HOOK_SECRET), ping);
    HttpResponse<String> tooBig = deliver("github", github("push", huge, HOOK_SECRET), huge);

    assertThat(pong.statusCode()).as(pong.body()).isEqualTo(200);
    assertThat(tooBig.statusCode()).isEqualTo(413);
  }

  @Test
  void aTagIsItsOwnEventAndOnBranchesLeavesItOut() {
    String commit =
        repo.commit(
            Map.of(
                ".fastci/build.json",
                pipeline("build", "compile", ""),
                ".fastci/main-only.json",
                "{\"name\":\"main-only\",\"on\":{\"branches\":[\"main\"]},"
                    + "\"jobs\":[{\"name\":\"a\",\"image\":\"i\",\"command\":\"true\"}]}"));

    HttpResponse<String> answer = deliverPush(push(commit, "refs/tags/v1.0"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(ServerApi.json(answer).get("skipped").toString())
        .contains(".fastci/main-only.json", "on leaves out refs/tags/v1.0");
    JsonNode run = api.awaitEnd(ids(answer).get(0));
    assertThat(run.at("/trigger/type").asText()).isEqualTo("tag");
    awaitStatus("fastci/build", commit, "success");
  }

  @Test
  void aForgeThatIsDownDelaysNoRunAndIsSentOnlyTheNewestStateOnceItIsBack() {
    String commit = repo.commit(Map.of(".fastci/build.json", pipeline("build", "quick", "")));
    Forge.GITHUB.downFor(3);

    HttpResponse<String> answer = deliverPush(push(commit, "refs/heads/main"));
    JsonNode run = api.awaitEnd(ids(answer).get(0), 1, Duration.ofSeconds(5));

    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    awaitStatus("fastci/build", commit, "success");
    assertThat(Forge.GITHUB.refused())
        .filteredOn(r -> r.startsWith("503"))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(Forge.GITHUB.posted("fastci/build").stream().filter(p -> p.path().endsWith(commit)))
        .as("pending and running were never sent: only the newest state")
        .extracting(LocalForgeApi.Posted::state)
        .containsExactly("success");
  }

  @Test
  void aRepositoryTheForgeWillNotServeIs502AndStartsNothing() {
    ForgeRepository hidden = repository("Codertocat/Hidden");
    register("github", "Codertocat/Hidden", hidden.cloneUrl(), Forge.GITHUB.url(), "");
    api.send(
        api.request("/api/repos/" + repoId("Codertocat/Hidden"))
            .header("Content-Type", "application/json")
            .method(
                "PATCH",
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"token_secret\":\"WRONG_TOKEN\"}"))
            .build());
    String commit = hidden.commit(Map.of(".fastci/build.json", pipeline("build", "a", "")));
    byte[] body =
        changed(
            "github/push.json",
            tree -> {
              tree.put("after", commit);
              at(tree, "repository").put("full_name", "Codertocat/Hidden");
            });

    HttpResponse<String> answer = deliver("github", github("push", body, HOOK_SECRET), body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
    assertThat(answer.body()).contains("could not fetch " + hidden.cloneUrl());
  }

  private long repoId(String name) {
    for (JsonNode repo : ServerApi.json(api.get("/api/repos")).get("items")) {
      if (repo.get("name").asText().equals(name)) {
        return repo.get("id").asLong();
      }
    }
    throw new AssertionError("no repository " + name);
  }
}
