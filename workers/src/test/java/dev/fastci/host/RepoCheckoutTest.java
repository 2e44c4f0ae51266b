package dev.fastci.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.git.MirrorGit;
import dev.fastci.testing.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkouts through a mirror, with the git command and with JGit: the same files, commit and origin
 * either way.
 */
class RepoCheckoutTest {
  @TempDir Path dataDir;
  @TempDir Path repo;

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aCommitIsCheckedOutDetachedWithItsOriginAndTheMirrorIsFetchedOnlyWhenItLacksIt(String kind)
      throws Exception {
    MirrorGit mirrors = mirrors(kind);
    List<String> commits = GitRepos.withVersions(repo, "one");
    RepoCheckout checkout = new RepoCheckout(dataDir, mirrors);

    String first = checkout.checkout(repo.toString(), commits.get(0), dir("a")).mirrorState();
    String again = checkout.checkout(repo.toString(), commits.get(0), dir("b")).mirrorState();
    String newer = GitRepos.withVersions(repo, "two").get(0);
    String fetched = checkout.checkout(repo.toString(), newer, dir("c")).mirrorState();

    assertThat(List.of(first, again, fetched)).containsExactly("cloned", "up to date", "fetched");
    assertThat(Files.readString(dir("a").resolve("version.txt"))).isEqualTo("one\n");
    assertThat(Files.readString(dir("c").resolve("version.txt"))).isEqualTo("two\n");
    assertThat(git(dir("a"), "rev-parse", "HEAD")).isEqualTo(commits.get(0));
    assertThat(git(dir("a"), "config", "--get", "remote.origin.url")).isEqualTo(repo.toString());
    assertThat(git(dir("a"), "status", "--porcelain")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "jgit"})
  void aCommitTheRepositoryLacksIsNamed(String kind) throws Exception {
    GitRepos.withVersions(repo, "one");
    RepoCheckout checkout = new RepoCheckout(dataDir, mirrors(kind));
    String missing = "0123456789012345678901234567890123456789";

    assertThatThrownBy(() -> checkout.checkout(repo.toString(), missing, dir("a")))
        .isInstanceOf(RepoCheckout.CheckoutException.class)
        .hasMessageContaining("commit " + missing + " is not in " + repo);
  }

  @Test
  void anOriginWithQuotesBackslashesAndCommentCharactersReadsBackAsGiven() throws Exception {
    String url = "/srv/a \"quoted\" \\path; #not a comment\tx";
    Path mirror = dataDir.resolve("m.git");

    mirrors("git").create(mirror, url);

    assertThat(git(mirror, "config", "--get", "remote.origin.url")).isEqualTo(url);
    assertThat(git(mirror, "config", "--get", "remote.origin.fetch")).isEqualTo("+refs/*:refs/*");
    assertThat(git(mirror, "config", "--get", "remote.origin.mirror")).isEqualTo("true");
  }

  private static MirrorGit mirrors(String kind) {
    if (kind.equals("git")) {
      assertThat(MirrorGit.forThisHost())
          .as("the git command is installed (apt-get install -y git)")
          .isNotInstanceOf(MirrorGit.jgit().getClass());
      return MirrorGit.gitCommand();
    }
    return MirrorGit.jgit();
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(dataDir.resolve("dirs").resolve(name));
  }

  /** What {@code git ARGS} prints in {@code dir}, without its last line end. */
  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }
}
