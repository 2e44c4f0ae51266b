package dev.fastci.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.testing.GitRepos;
import dev.fastci.testing.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mirror cache, with the git command and with JGit, against a repository served over real smart
 * HTTP with basic authentication: the token clone path, and a pull request's head that no branch
 * holds, fetched through its own ref.
 */
class MirrorsTest {
  private static final GitAuth TOKEN = new GitAuth("x-access-token", "s3cret-token");

  @TempDir Path work;
  private SmartHttpGitServer forge;
  private String url;
  private List<String> commits;
  private String pullHead;

  @BeforeEach
  void repositoryWithAPullRequestHead() throws Exception {
    Path repo = work.resolve("origin");
    commits = GitRepos.withVersions(repo, "one", "two");
    try (Git git = Git.open(repo.toFile())) {
      Files.writeString(repo.resolve("version.txt"), "from a fork\n");
      git.add().addFilepattern("version.txt").call();
      RevCommit forked =
          git.commit().setMessage("fork").setAuthor("F", "f@x").setCommitter("F", "f@x").call();
      pullHead = forked.getName();
      Repository repository = git.getRepository();
      RefUpdate ref = repository.updateRef("refs/pull/7/head");
      ref.setNewObjectId(forked);
      ref.forceUpdate();
      git.reset()
          .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef(commits.get(1))
          .call();
    }
    forge = SmartHttpGitServer.start("x-access-token", "s3cret-token");
    url = forge.serve("owner/repo", repo.resolve(".git"));
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aMirrorIsClonedWithTheTokenOnceAndThenUpToDate(String kind) {
    Mirrors mirrors = mirrors(kind);

    Mirrors.Mirror first = mirrors.ensure(url, commits.get(0), TOKEN, null);
    Mirrors.Mirror second = mirrors.ensure(url, commits.get(1), TOKEN, null);

    assertThat(first.state()).isEqualTo("cloned");
    assertThat(second.state()).isEqualTo("up to date");
    assertThat(forge.requests()).contains("POST /owner/repo.git/git-upload-pack 200");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aPullRequestHeadIsFetchedThroughItsRefAlone(String kind) throws Exception {
    Mirrors mirrors = mirrors(kind);

    Mirrors.Mirror mirror = mirrors.ensure(url, pullHead, TOKEN, "refs/pull/7/head");

    try (Repository repository = Git.open(mirror.gitDir().toFile()).getRepository()) {
      assertThat(repository.exactRef("refs/pull/7/head").getObjectId().getName())
          .isEqualTo(pullHead);
      assertThat(repository.exactRef("refs/heads/main")).as("only the pull ref").isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aWrongTokenIsRefused(String kind) {
    Mirrors mirrors = mirrors(kind);

    assertThatThrownBy(
            () -> mirrors.ensure(url, commits.get(0), new GitAuth("x-access-token", "wrong"), null))
        .isInstanceOf(Mirrors.MirrorException.class)
        .hasMessageContaining("could not fetch " + url);
    assertThat(forge.requests()).anyMatch(r -> r.endsWith(" 401"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aCommitTheRepositoryLacksIsNamed(String kind) {
    Mirrors mirrors = mirrors(kind);
    String missing = "0123456789012345678901234567890123456789";

    assertThatThrownBy(() -> mirrors.ensure(url, missing, TOKEN, null))
        .isInstanceOf(Mirrors.MirrorException.class)
        .hasMessageContaining("commit " + missing + " is not in " + url);
  }

  private Mirrors mirrors(String kind) {
    MirrorGit git = kind.equals("git") ? MirrorGit.gitCommand() : MirrorGit.jgit();
    return new Mirrors(work.resolve("data"), git);
  }
}
