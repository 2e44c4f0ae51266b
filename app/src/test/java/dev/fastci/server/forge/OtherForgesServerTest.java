package dev.fastci.server.forge;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeRepository.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.ServerApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gitea and GitLab end to end on the dummy backend: their real payloads with their own signing,
 * clone users, pull request refs and status APIs.
 */
class OtherForgesServerTest extends ForgeServerTestBase {

  @Test
  void aGiteaPushRunsAndItsStatusesGoToGiteasApi() {
    String name = "Test-CI/multi-line-secrets";
    ForgeRepository repo = repository(name);
    register("gitea", name, repo.cloneUrl(), Forge.GITEA.url() + "/api/v1", "");
    String commit = repo.commit(Map.of(".fastci/build.json", pipeline("build", "compile", "")));
    byte[] body = changed("gitea/push.json", tree -> tree.put("after", commit));

    HttpResponse<String> answer =
        deliver("gitea", ForgeFixtures.gitea("push", body, HOOK_SECRET), body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode run = api.awaitEnd(ServerApi.json(answer).get("pipelines").get(0).asText());
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Forge.GITEA.posted("fastci/build"))
                    .last()
                    .satisfies(
                        s -> {
                          assertThat(s.state()).isEqualTo("success");
                          assertThat(s.path())
                              .isEqualTo("/api/v1/repos/" + name + "/statuses/" + commit);
                        }));
  }

  @Test
  void aGitLabMergeRequestRunsAtItsHeadAndGitLabSeesRunningThenSuccess() {
    String name = "gitlabhq/gitlab-test";
    ForgeRepository repo = repository(name);
    register("gitlab", name, repo.cloneUrl(), Forge.GITLAB.url() + "/api/v4", "");
    repo.commit(Map.of("README", "main"));
    String head =
        repo.commitOnlyUnder(
            "refs/merge-requests/1/head",
            Map.of(
                ".fastci/build.json",
                pipeline("build", "slow", "\"env\":{\"DUMMY_SLEEP_MS\":\"1500\"}", "next", "")));
    byte[] body =
        changed(
            "gitlab/merge_request_open.json",
            tree -> at(tree, "object_attributes.last_commit").put("id", head));

    HttpResponse<String> answer =
        deliver("gitlab", ForgeFixtures.gitlab("Merge Request Hook", HOOK_SECRET), body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode run = api.awaitEnd(ServerApi.json(answer).get("pipelines").get(0).asText());
    assertThat(run.at("/trigger/ref").asText()).isEqualTo("refs/merge-requests/1/head");
    assertThat(run.at("/trigger/branch").asText()).isEqualTo("ms-viewport");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Forge.GITLAB.posted("fastci/build"))
                    .extracting(LocalForgeApi.Posted::state)
                    .contains("running")
                    .last()
                    .isEqualTo("success"));
    assertThat(Forge.GITLAB.posted("fastci/build").get(0).path())
        .isEqualTo("/api/v4/projects/gitlabhq%2Fgitlab-test/statuses/" + head);
  }

  @Test
  void aGitLabDeliveryWithTheWrongTokenIs401() {
    String name = "jsmith/example";
    ForgeRepository repo = repository(name);
    register("gitlab", name, repo.cloneUrl(), Forge.GITLAB.url() + "/api/v4", "");
    byte[] body = ForgeFixtures.load("gitlab/tag_push.json");

    HttpResponse<String> answer =
        deliver("gitlab", ForgeFixtures.gitlab("Tag Push Hook", "wrong token"), body);

    assertThat(answer.statusCode()).isEqualTo(401);
  }
}
