package dev.fastci.server.forge;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.github;
import static dev.fastci.server.forge.ForgeRepository.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.ServerApi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/repos}: register, read, change, remove; and the badge, which needs no token. */
class RepoApiServerTest extends ForgeServerTestBase {

  private HttpResponse<String> patch(long id, String body) {
    return api.send(
        api.request("/api/repos/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Test
  void aRegisteredRepositoryShowsItsWebhookAndCanBeChangedAndRemoved() {
    JsonNode repo =
        register(
            "github",
            "api/registered",
            "https://github.com/api/registered.git",
            "https://api.github.com",
            "");
    long id = repo.get("id").asLong();

    assertThat(repo.get("webhook_url").asText())
        .isEqualTo("https://ci.example.com/api/hooks/github");
    assertThat(repo.get("events").toString()).contains("Pushes", "Pull requests");
    assertThat(repo.get("token_secret").asText()).isEqualTo("FORGE_TOKEN");
    assertThat(repo.toString()).doesNotContain(FORGE_TOKEN, HOOK_SECRET);
    assertThat(repo.get("approve_forks").asBoolean()).isTrue();
    assertThat(ServerApi.json(api.get("/api/repos")).get("items").toString())
        .contains("api/registered");

    HttpResponse<String> changed = patch(id, "{\"trusted\":true}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(ServerApi.json(changed).get("trusted").asBoolean()).isTrue();
    assertThat(ServerApi.json(api.get("/api/repos/" + id)).get("trusted").asBoolean()).isTrue();

    HttpResponse<String> removed = api.send(api.request("/api/repos/" + id).DELETE().build());
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(api.get("/api/repos/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void aRegistrationWithProblemsIs400ByFieldAndTheSameRepositoryTwiceToo() {
    HttpResponse<String> bad =
        api.post("/api/repos", "{\"forge\":\"gitlab\",\"name\":\"x\",\"hook_secret\":\"UNSET\"}");
    register(
        "gitea",
        "api/twice",
        "https://git.example.com/api/twice.git",
        "https://git.example.com/api/v1",
        "");

    HttpResponse<String> twice =
        api.post(
            "/api/repos",
            "{\"forge\":\"gitea\",\"name\":\"api/twice\",\"clone_url\":\"https://git.example.com/t.git\","
                + "\"token_secret\":\"FORGE_TOKEN\",\"hook_secret\":\"HOOK_SECRET\"}");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ServerApi.json(bad).get("errors").toString())
        .contains(
            "\"path\":\"name\"",
            "\"path\":\"clone_url\"",
            "\"path\":\"token_secret\"",
            "secret UNSET is not set on the server");
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("is registered already");
  }

  @Test
  void theRepositoriesApiNeedsTheTokenButTheBadgeDoesNot() {
    String name = "api/badged";
    ForgeRepository repo = repository(name);
    long id = register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "").get("id").asLong();
    ServerApi anonymous = new ServerApi(api.base(), null);

    assertThat(anonymous.get("/api/repos").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/repos/" + id + "/badge.svg").body()).contains("no runs");

    String commit = repo.commit(Map.of(".fastci/build.json", pipeline("build", "a", "")));
    byte[] body =
        changed(
            "github/push.json",
            tree -> {
              tree.put("ref", "refs/heads/main");
              tree.put("after", commit);
              at(tree, "repository").put("full_name", name);
            });
    HttpResponse<String> pushed = deliver("github", github("push", body, HOOK_SECRET), body);
    api.awaitEnd(ServerApi.json(pushed).get("pipelines").get(0).asText());

    HttpResponse<String> badge =
        anonymous.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/api/repos/" + id + "/badge.svg"))
                .build());
    assertThat(badge.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(badge.body()).contains("passing");
  }
}
