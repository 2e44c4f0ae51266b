package dev.fastci.server.forge.github;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.github;
import static dev.fastci.server.forge.ForgeFixtures.load;
import static dev.fastci.server.forge.ForgeFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.server.forge.BadHookException;
import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.HookRequest;
import dev.fastci.server.forge.StatusCall;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitHub's documented payloads, signed as GitHub signs them, read into FastCI's model. */
class GitHubForgeTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final GitHubForge forge = new GitHubForge();

  private HookRequest signed(String event, byte[] body) {
    return request(github(event, body, SECRET), body);
  }

  @Test
  void theSignatureIsCheckedOverTheRawBody() {
    byte[] body = load("github/push.json");
    Map<String, String> headers = github("push", body, SECRET);

    assertThat(forge.verified(request(headers, body), SECRET)).isTrue();
    assertThat(forge.verified(request(headers, body), "another secret")).isFalse();
    byte[] tampered = body.clone();
    tampered[10] ^= 1;
    assertThat(forge.verified(request(headers, tampered), SECRET)).isFalse();
    headers.remove("X-Hub-Signature-256");
    assertThat(forge.verified(request(headers, body), SECRET)).isFalse();
  }

  @Test
  void gitHubsOwnExampleOfASignatureMatches() {
    // docs.github.com, "Validating webhook deliveries": the secret and payload of its example
    HookRequest example =
        request(
            Map.of(
                "X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
            "Hello, World!".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(forge.verified(example, SECRET)).isTrue();
  }

  @Test
  void pingIsAPingOfItsRepository() {
    HookRequest ping = signed("ping", load("github/ping.json"));

    assertThat(forge.repository(ping)).isEqualTo("Octocoders/Hello-World");
    assertThat(forge.parse(ping)).isInstanceOf(Hook.Ping.class);
  }

  @Test
  void aPushToABranchIsAPushAtItsCommit() {
    Hook hook = forge.parse(signed("push", load("github/push.json")));

    assertThat(hook)
        .isEqualTo(
            new Hook.Push(
                "refs/heads/master",
                "0000000000000000000000000000000000000000",
                "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                "Codertocat",
                "Initial commit"));
    assertThat(((Hook.Push) hook).event()).isEqualTo("push");
  }

  @Test
  void aPushedTagIsATagEvent() {
    Hook.Push tag = (Hook.Push) forge.parse(signed("push", load("github/tag.json")));

    assertThat(tag.event()).isEqualTo("tag");
    assertThat(tag.name()).isEqualTo("the-tag-v1");
    assertThat(tag.after()).isEqualTo("67012991d6c69b1c58378346fca366b864d8d1a1");
  }

  @Test
  void aDeletedRefStartsNothing() {
    byte[] deleted =
        changed(
            "github/push.json",
            tree -> {
              tree.put("deleted", true);
              tree.put("after", "0".repeat(40));
            });

    assertThat(forge.parse(signed("push", deleted))).isInstanceOf(Hook.Ignored.class);
  }

  @Test
  void openedSynchronizeAndClosedPullRequestsAreRead() {
    Hook.PullRequest opened =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("github/pull_request_opened.json")));
    Hook.PullRequest synced =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("github/pull_request_synchronize.json")));
    Hook.PullRequest closed =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("github/pull_request_closed.json")));

    assertThat(opened)
        .isEqualTo(
            new Hook.PullRequest(
                Hook.PullRequest.Action.OPENED,
                2,
                "Update the README with new information.",
                "Codertocat",
                "changes",
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                "Codertocat/Hello-World",
                "master",
                false));
    assertThat(synced.action()).isEqualTo(Hook.PullRequest.Action.SYNCHRONIZED);
    assertThat(closed.action()).isEqualTo(Hook.PullRequest.Action.CLOSED);
  }

  @Test
  void aPullRequestFromAnotherRepositoryIsAFork() {
    byte[] fromFork =
        changed(
            "github/pull_request_opened.json",
            tree -> at(tree, "pull_request.head.repo").put("full_name", "someone/Hello-World"));

    Hook.PullRequest pr = (Hook.PullRequest) forge.parse(signed("pull_request", fromFork));

    assertThat(pr.fork()).isTrue();
    assertThat(pr.headRepo()).isEqualTo("someone/Hello-World");
  }

  @Test
  void otherActionsAndEventsAreIgnoredSayingWhy() {
    assertThat(forge.parse(signed("pull_request", load("github/pull_request_labeled.json"))))
        .isEqualTo(new Hook.Ignored("pull_request action labeled starts nothing"));
    assertThat(forge.parse(signed("issues", load("github/push.json"))))
        .isEqualTo(new Hook.Ignored("event issues starts nothing"));
  }

  @Test
  void aPayloadThatLacksAFieldIsRefusedNamingIt() {
    byte[] noHead =
        changed(
            "github/pull_request_opened.json", tree -> at(tree, "pull_request.head").remove("sha"));

    assertThatThrownBy(() -> forge.parse(signed("pull_request", noHead)))
        .isInstanceOf(BadHookException.class)
        .hasMessage("the payload has no pull_request.head.sha");
    assertThatThrownBy(() -> forge.parse(request(Map.of(), load("github/push.json"))))
        .hasMessage("the delivery has no X-GitHub-Event header");
  }

  @Test
  void aStatusIsPostedToTheCommitWithTheToken() {
    Repo repo =
        new Repo(
            1,
            ForgeKind.GITHUB,
            "octo/hello",
            "https://github.com/octo/hello.git",
            "https://api.github.com/",
            "T",
            "H",
            "main",
            true,
            false,
            Instant.now());

    StatusCall call =
        forge.status(
            repo,
            new CommitStatus(
                "abc123",
                "fastci/build",
                CommitStatus.State.CANCELLED,
                "cancelled after 3s",
                "https://ci.example.com/runs/r1"),
            "tok");

    assertThat(call.uri().toString())
        .isEqualTo("https://api.github.com/repos/octo/hello/statuses/abc123");
    assertThat(call.headers()).containsEntry("Authorization", "Bearer tok");
    assertThat(call.json())
        .isEqualTo(
            "{\"context\":\"fastci/build\",\"description\":\"cancelled after 3s\","
                + "\"state\":\"error\",\"target_url\":\"https://ci.example.com/runs/r1\"}");
    assertThat(call.toString()).doesNotContain("tok");
  }
}
