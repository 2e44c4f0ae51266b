package dev.fastci.server.forge.gitlab;

import static dev.fastci.server.forge.ForgeFixtures.at;
import static dev.fastci.server.forge.ForgeFixtures.changed;
import static dev.fastci.server.forge.ForgeFixtures.gitlab;
import static dev.fastci.server.forge.ForgeFixtures.load;
import static dev.fastci.server.forge.ForgeFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.HookRequest;
import dev.fastci.server.forge.StatusCall;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GitLab's documented and captured payloads, with its secret token, read into FastCI's model. */
class GitLabForgeTest {
  private static final String SECRET = "gitlab-token";
  private final GitLabForge forge = new GitLabForge();

  private HookRequest delivered(String event, byte[] body) {
    return request(gitlab(event, SECRET), body);
  }

  @Test
  void theSecretTokenIsComparedAsItIs() {
    assertThat(forge.verified(delivered("Push Hook", load("gitlab/push.json")), SECRET)).isTrue();
    assertThat(forge.verified(delivered("Push Hook", load("gitlab/push.json")), "other")).isFalse();
  }

  @Test
  void pushAndTagPushHooksArePushes() {
    HookRequest push = delivered("Push Hook", load("gitlab/push.json"));
    Hook.Push tag =
        (Hook.Push) forge.parse(delivered("Tag Push Hook", load("gitlab/tag_push.json")));

    assertThat(forge.repository(push)).isEqualTo("mike/diaspora");
    assertThat(forge.parse(push))
        .isEqualTo(
            new Hook.Push(
                "refs/heads/master",
                "95790bf891e76fee5e1747ab589903a6a1f80f22",
                "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
                "jsmith",
                "fixed readme"));
    assertThat(tag.event()).isEqualTo("tag");
    assertThat(tag.after()).isEqualTo("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
  }

  @Test
  void openAndUpdateWithNewCommitsRunAndCloseAndMergeCancel() {
    Hook.PullRequest open =
        (Hook.PullRequest)
            forge.parse(delivered("Merge Request Hook", load("gitlab/merge_request_open.json")));
    Hook.PullRequest update =
        (Hook.PullRequest)
            forge.parse(delivered("Merge Request Hook", load("gitlab/merge_request_update.json")));

    assertThat(open)
        .isEqualTo(
            new Hook.PullRequest(
                Hook.PullRequest.Action.OPENED,
                1,
                "MS-Viewport",
                "root",
                "ms-viewport",
                "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
                "awesome_space/awesome_project",
                "master",
                false));
    assertThat(update.action()).isEqualTo(Hook.PullRequest.Action.SYNCHRONIZED);
    assertThat(update.headSha()).isEqualTo("c136499ec574e1034b24c5d306de9acda3005367");
    assertThat(
            ((Hook.PullRequest)
                    forge.parse(
                        delivered("Merge Request Hook", load("gitlab/merge_request_close.json"))))
                .action())
        .isEqualTo(Hook.PullRequest.Action.CLOSED);
    assertThat(
            ((Hook.PullRequest)
                    forge.parse(
                        delivered("Merge Request Hook", load("gitlab/merge_request_merge.json"))))
                .action())
        .isEqualTo(Hook.PullRequest.Action.CLOSED);
  }

  @Test
  void anUpdateWithoutNewCommitsStartsNothing() {
    assertThat(
            forge.parse(delivered("Merge Request Hook", load("gitlab/merge_request_edited.json"))))
        .isEqualTo(
            new Hook.Ignored("merge request action update without new commits starts nothing"));
  }

  @Test
  void aMergeRequestFromAnotherProjectIsAFork() {
    byte[] fromFork =
        changed(
            "gitlab/merge_request_open.json",
            tree -> at(tree, "object_attributes").put("source_project_id", 99));

    assertThat(((Hook.PullRequest) forge.parse(delivered("Merge Request Hook", fromFork))).fork())
        .isTrue();
  }

  @Test
  void aStatusGoesToTheProjectByItsEncodedPathAndASecondRunningCounts() {
    Repo repo =
        new Repo(
            1,
            ForgeKind.GITLAB,
            "group/sub/project",
            "https://gitlab.example.com/g.git",
            "https://gitlab.example.com/api/v4",
            "T",
            "H",
            "main",
            true,
            false,
            Instant.now());

    StatusCall call =
        forge.status(
            repo,
            new CommitStatus("abc", "fastci/p", CommitStatus.State.FAILURE, "failed: test", "u"),
            "tok");

    assertThat(call.uri().toString())
        .isEqualTo("https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fproject/statuses/abc");
    assertThat(call.headers()).containsEntry("PRIVATE-TOKEN", "tok");
    assertThat(call.json()).contains("\"state\":\"failed\"", "\"name\":\"fastci/p\"");
    assertThat(
            forge.alreadySet(
                400, "{\"message\":\"Cannot transition status via :run from :running\"}"))
        .isTrue();
    assertThat(forge.alreadySet(400, "{\"message\":\"sha not found\"}")).isFalse();
  }
}
