package dev.fastci.server.forge.gitea;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.gitea;
import static dev.fastci.server.forge.ForgeFixtures.load;
import static dev.fastci.server.forge.ForgeFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.HookRequest;
import dev.fastci.server.forge.Signatures;
import dev.fastci.server.forge.StatusCall;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gitea's (and Forgejo's) deliveries, signed as Gitea signs them, read into FastCI's model. */
class GiteaForgeTest {
  private static final String SECRET = "gitea-secret";
  private final GiteaForge forge = new GiteaForge();

  private HookRequest signed(String event, byte[] body) {
    return request(gitea(event, body, SECRET), body);
  }

  @Test
  void theHexSignatureIsCheckedAndForgejosNamesAreTakenToo() {
    byte[] body = load("gitea/push.json");
    String signature = Signatures.hmacSha256Hex(SECRET, body);

    assertThat(forge.verified(signed("push", body), SECRET)).isTrue();
    assertThat(forge.verified(signed("push", body), "wrong")).isFalse();
    HookRequest forgejo =
        request(
            Map.of(
                "X-Forgejo-Event",
                "push",
                "X-Forgejo-Signature",
                signature,
                "X-Forgejo-Delivery",
                "d-1"),
            body);
    assertThat(forge.verified(forgejo, SECRET)).isTrue();
    assertThat(forge.deliveryId(forgejo)).isEqualTo("d-1");
    assertThat(forge.parse(forgejo)).isInstanceOf(Hook.Push.class);
  }

  @Test
  void aPushAndATagPushAreRead() {
    Hook.Push push = (Hook.Push) forge.parse(signed("push", load("gitea/push.json")));
    Hook.Push tag = (Hook.Push) forge.parse(signed("push", load("gitea/push_tag.json")));

    assertThat(forge.repository(signed("push", load("gitea/push.json"))))
        .isEqualTo("Test-CI/multi-line-secrets");
    assertThat(push.ref()).isEqualTo("refs/heads/main");
    assertThat(push.after()).isEqualTo("29be01c073851cf0db0c6a466e396b725a670453");
    assertThat(push.author()).isEqualTo("test-user");
    assertThat(push.event()).isEqualTo("push");
    assertThat(tag.event()).isEqualTo("tag");
  }

  @Test
  void openedAndSynchronizedPullRequestsRunAndClosedCancels() {
    Hook.PullRequest synced =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("gitea/pull_request_synchronized.json")));
    Hook.PullRequest opened =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("gitea/pull_request_opened.json")));
    Hook.PullRequest closed =
        (Hook.PullRequest)
            forge.parse(signed("pull_request", load("gitea/pull_request_closed.json")));

    assertThat(synced)
        .isEqualTo(
            new Hook.PullRequest(
                Hook.PullRequest.Action.SYNCHRONIZED,
                2,
                "New Pull",
                "test",
                "test-patch-1",
                "788ed8d02d3b7fcfcf6386dbcbca696aa1d4dc25",
                null,
                "main",
                false));
    assertThat(opened.action()).isEqualTo(Hook.PullRequest.Action.OPENED);
    assertThat(opened.headBranch()).isEqualTo("feature/changes");
    assertThat(opened.fork()).as("no repository ids: the same repository").isFalse();
    assertThat(closed.action()).isEqualTo(Hook.PullRequest.Action.CLOSED);
    assertThat(closed.fork()).isFalse();
  }

  @Test
  void aPullRequestFromAnotherRepositoryIdIsAFork() {
    byte[] fromFork =
        changed(
            "gitea/pull_request_synchronized.json",
            tree -> at(tree, "pull_request.head").put("repo_id", 99));

    assertThat(((Hook.PullRequest) forge.parse(signed("pull_request", fromFork))).fork()).isTrue();
  }

  @Test
  void otherEventsAreIgnored() {
    assertThat(forge.parse(signed("create", load("gitea/push.json"))))
        .isEqualTo(new Hook.Ignored("event create starts nothing"));
  }

  @Test
  void aStatusIsPostedAsOnGitHubWithGiteasTokenHeader() {
    Repo repo =
        new Repo(
            1,
            ForgeKind.GITEA,
            "o/r",
            "https://git.example.com/o/r.git",
            "https://git.example.com/api/v1",
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
                "abc", "fastci/p", CommitStatus.State.RUNNING, "1 of 2 jobs done", "u"),
            "tok");

    assertThat(call.uri().toString())
        .isEqualTo("https://git.example.com/api/v1/repos/o/r/statuses/abc");
    assertThat(call.headers()).containsEntry("Authorization", "token tok");
    assertThat(call.json()).contains("\"state\":\"pending\"", "\"context\":\"fastci/p\"");
  }
}
