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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pull requests on GitHub, end to end on the dummy backend: they run at their head, fetched through
 * {@code refs/pull/N/head}; one from a fork runs untrusted (no secret) and, with {@code
 * approve_forks}, waits held until a user approves it; a new push supersedes a pull request's runs;
 * closing one cancels its runs.
 */
class PullRequestsServerTest extends ForgeServerTestBase {
  private static final String SECRET_JOB = "\"secrets\":[\"DEPLOY_KEY\"]";

  /** GitHub's documented "opened" payload, for this repository and pull request. */
  private static byte[] pullRequest(
      String action, String repo, int number, String head, String headRepo, String base) {
    return changed(
        "github/pull_request_opened.json",
        tree -> {
          tree.put("action", action);
          tree.put("number", number);
          at(tree, "repository").put("full_name", repo);
          at(tree, "pull_request").put("number", number);
          at(tree, "pull_request.head").put("sha", head);
          at(tree, "pull_request.head.repo").put("full_name", headRepo);
          at(tree, "pull_request.base").put("ref", base);
          at(tree, "pull_request.base.repo").put("full_name", repo);
        });
  }

  private HttpResponse<String> deliverPr(byte[] body) {
    return deliver("github", github("pull_request", body, HOOK_SECRET), body);
  }

  @Test
  void aForkRunsUntrustedAtItsHeadAndAJobThatNamesASecretEndsInError() {
    String name = "octo/forked";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), ",\"approve_forks\":false");
    repo.commit(Map.of("README", "main"));
    String head =
        repo.commitOnlyUnder(
            "refs/pull/7/head",
            Map.of(".fastci/checks.json", pipeline("checks", "deploy", SECRET_JOB, "plain", "")));

    HttpResponse<String> answer =
        deliverPr(pullRequest("opened", name, 7, head, "someone/forked", "main"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    String id = ServerApi.json(answer).get("pipelines").get(0).asText();
    JsonNode run = api.awaitEnd(id);
    assertThat(ServerApi.job(run, "deploy").get("status").asText()).isEqualTo("ERROR");
    assertThat(ServerApi.job(run, "deploy").get("error").asText())
        .isEqualTo(
            "secret DEPLOY_KEY is not given to a pull request from a fork: its code is not trusted");
    assertThat(ServerApi.job(run, "plain").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.at("/trigger/type").asText()).isEqualTo("pull_request");
    assertThat(run.at("/trigger/pull_request").asText()).isEqualTo("7");
    assertThat(run.at("/trigger/fork").asText()).isEqualTo("true");
    assertThat(run.at("/trigger/base_branch").asText()).isEqualTo("main");
    assertThat(run.at("/trigger/ref").asText()).isEqualTo("refs/pull/7/head");
    assertThat(run.at("/spec/commit_hash").asText()).isEqualTo(head);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Forge.GITHUB.posted("fastci/checks"))
                    .filteredOn(p -> p.path().endsWith(head))
                    .last()
                    .extracting(LocalForgeApi.Posted::state)
                    .isEqualTo("failure"));
  }

  @Test
  void aForkOfARepositoryThatApprovesForksWaitsHeldUntilApprovedAndANewPushReplacesIt() {
    String name = "octo/approving";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "");
    repo.commit(Map.of("README", "main"));
    String first =
        repo.commitOnlyUnder(
            "refs/pull/3/head", Map.of(".fastci/checks.json", pipeline("checks", "a", "")));
    String older =
        ServerApi.json(
                deliverPr(pullRequest("opened", name, 3, first, "someone/approving", "main")))
            .get("pipelines")
            .get(0)
            .asText();
    JsonNode held = api.detail(older);
    assertThat(held.get("status").asText()).isEqualTo("WAITING");
    assertThat(held.get("startedAt").isNull()).isTrue();
    assertThat(ServerApi.job(held, "a").get("status").asText()).isEqualTo("PENDING");
    awaitStatus("fastci/checks", first, "pending");
    assertThat(Forge.GITHUB.posted("fastci/checks"))
        .filteredOn(p -> p.path().endsWith(first))
        .last()
        .extracting(p -> p.body().get("description").asText())
        .isEqualTo("waiting for approval");

    String second =
        repo.commitOnlyUnder(
            "refs/pull/3/head", Map.of(".fastci/checks.json", pipeline("checks", "a", "")));
    String newer =
        ServerApi.json(
                deliverPr(pullRequest("synchronize", name, 3, second, "someone/approving", "main")))
            .get("pipelines")
            .get(0)
            .asText();
    JsonNode replaced = api.awaitEnd(older);
    assertThat(replaced.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(replaced.get("events").toString()).contains("superseded by " + newer);
    assertThat(api.detail(newer).get("status").asText()).isEqualTo("WAITING");
    assertThat(api.post("/api/pipelines/" + older + "/approve", "").statusCode()).isEqualTo(409);

    HttpResponse<String> approved = api.post("/api/pipelines/" + newer + "/approve", "");

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
    JsonNode run = api.awaitEnd(newer);
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("events").toString()).contains("run approved by ");
    assertThat(run.at("/trigger/fork").asText()).isEqualTo("true");
    awaitStatus("fastci/checks", second, "success");
    assertThat(ServerApi.json(api.get("/api/audit?action=run.approve&run=" + newer)).get("items"))
        .hasSize(1);
  }

  @Test
  void aRejectedForkRunEndsCancelledWithoutStarting() {
    String name = "octo/rejecting";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "");
    repo.commit(Map.of("README", "main"));
    String head =
        repo.commitOnlyUnder(
            "refs/pull/4/head", Map.of(".fastci/checks.json", pipeline("checks", "a", "")));
    String id =
        ServerApi.json(deliverPr(pullRequest("opened", name, 4, head, "someone/rejecting", "main")))
            .get("pipelines")
            .get(0)
            .asText();

    assertThat(api.post("/api/pipelines/" + id + "/reject", "").statusCode()).isEqualTo(202);

    JsonNode run = api.awaitEnd(id);
    assertThat(run.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(run.get("startedAt").isNull()).isTrue();
    assertThat(run.get("error").asText()).startsWith("run rejected by ");
    assertThat(ServerApi.job(run, "a").get("status").asText()).isEqualTo("PENDING");
    awaitStatus("fastci/checks", head, "error");
  }

  @Test
  void aNewPushToAPullRequestSupersedesItsRunningRun() {
    String name = "octo/pushing";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "");
    repo.commit(Map.of("README", "main"));
    String held = pipeline("held", "wait", "\"env\":{\"DUMMY_HOLD\":\"true\"}");
    String first = repo.commitOnlyUnder("refs/pull/8/head", Map.of(".fastci/held.json", held));
    String older =
        ServerApi.json(deliverPr(pullRequest("opened", name, 8, first, name, "main")))
            .get("pipelines")
            .get(0)
            .asText();
    api.awaitJob(older, "wait", "RUNNING");
    String second = repo.commitOnlyUnder("refs/pull/8/head", Map.of(".fastci/held.json", held));

    String newer =
        ServerApi.json(deliverPr(pullRequest("synchronize", name, 8, second, name, "main")))
            .get("pipelines")
            .get(0)
            .asText();

    JsonNode superseded = api.awaitEnd(older);
    assertThat(superseded.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(superseded.get("events").toString()).contains("superseded by " + newer);
    api.awaitJob(newer, "wait", "RUNNING");
    assertThat(api.post("/api/pipelines/" + newer + "/cancel", "").statusCode()).isEqualTo(202);
    assertThat(api.awaitEnd(newer).get("status").asText()).isEqualTo("CANCELLED");
  }

  private static void awaitStatus(String context, String sha, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Forge.GITHUB.posted(context))
                    .filteredOn(p -> p.path().endsWith(sha))
                    .last()
                    .extracting(LocalForgeApi.Posted::state)
                    .isEqualTo(state));
  }

  @Test
  void aPullRequestOfTheRepositoryItselfGetsItsSecretsAndItsTargetFiltersIt() {
    String name = "octo/own";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "");
    repo.commit(Map.of("README", "main"));
    String head =
        repo.commitOnlyUnder(
            "refs/pull/5/head",
            Map.of(
                ".fastci/checks.json",
                pipeline("checks", "deploy", SECRET_JOB),
                ".fastci/release.json",
                "{\"name\":\"release\",\"on\":{\"pull_request\":{\"branches\":[\"release/*\"]}},"
                    + "\"jobs\":[{\"name\":\"a\",\"image\":\"i\",\"command\":\"true\"}]}"));

    HttpResponse<String> answer =
        deliverPr(pullRequest("synchronize", name, 5, head, name, "main"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(ServerApi.json(answer).get("skipped").toString())
        .contains("on leaves out pull requests into main");
    JsonNode run = api.awaitEnd(ServerApi.json(answer).get("pipelines").get(0).asText());
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.at("/trigger/fork").asText()).isEqualTo("false");
  }

  @Test
  void closingAPullRequestCancelsItsRunningRuns() {
    String name = "octo/closing";
    ForgeRepository repo = repository(name);
    register("github", name, repo.cloneUrl(), Forge.GITHUB.url(), "");
    repo.commit(Map.of("README", "main"));
    String head =
        repo.commitOnlyUnder(
            "refs/pull/9/head",
            Map.of(
                ".fastci/held.json",
                pipeline("held", "wait", "\"env\":{\"DUMMY_HOLD\":\"true\"}")));
    HttpResponse<String> opened = deliverPr(pullRequest("opened", name, 9, head, name, "main"));
    String id = ServerApi.json(opened).get("pipelines").get(0).asText();
    api.awaitJob(id, "wait", "RUNNING");

    HttpResponse<String> closed = deliverPr(pullRequest("closed", name, 9, head, name, "main"));

    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(202);
    assertThat(ServerApi.json(closed).get("cancelled").get(0).asText()).isEqualTo(id);
    assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("CANCELLED");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Forge.GITHUB.posted("fastci/held"))
                    .filteredOn(p -> p.path().endsWith(head))
                    .last()
                    .extracting(LocalForgeApi.Posted::state)
                    .isEqualTo("error"));
  }
}
