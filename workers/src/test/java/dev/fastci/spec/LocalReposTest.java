package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local repo_url is a host path under the allowed roots; a remote URL is not a host path. */
class LocalReposTest {
  @TempDir Path temp;

  @Test
  void remoteUrlsAreNotHostPaths() {
    for (String url :
        List.of(
            "https://example.org/r.git",
            "ssh://git@example.org/r.git",
            "git@example.org:team/r.git",
            "example.org:r.git",
            "git://example.org/r")) {
      assertThat(LocalRepos.localPath(url)).as(url).isEmpty();
    }
  }

  @Test
  void pathsAndFileUrlsAreHostPaths() {
    assertThat(LocalRepos.localPath("/srv/git/r.git")).contains("/srv/git/r.git");
    assertThat(LocalRepos.localPath("file:///srv/git/r.git")).contains("/srv/git/r.git");
    assertThat(LocalRepos.localPath("file://localhost/srv/git/r.git")).contains("/srv/git/r.git");
    assertThat(LocalRepos.localPath("file:/srv/git/r.git")).contains("/srv/git/r.git");
    assertThat(LocalRepos.localPath("repos/r.git"))
        .contains(Path.of("repos/r.git").toAbsolutePath().toString());
    assertThatThrownBy(() -> LocalRepos.localPath("file:///srv/%2e%2e/etc"))
        .hasMessageContaining("% escapes");
  }

  @Test
  void aLocalRepoOutsideTheAllowedRootsIsRefusedAtRepoUrl() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path outside = Files.createDirectories(temp.resolve("outside/r.git"));
    Files.createSymbolicLink(root.resolve("link.git"), outside);
    HostPathPolicy policy = HostPathPolicy.underRoots(List.of(root.toString()), List.of());

    assertThat(LocalRepos.check(policy, spec(root + "/r.git"))).isEmpty();
    assertThat(LocalRepos.check(policy, spec("https://example.org/r.git"))).isEmpty();
    assertThat(LocalRepos.check(policy, spec(outside.toString())))
        .extracting(SpecError::toString)
        .containsExactly(
            "repo_url: "
                + outside
                + " is not under an allowed root (fastci.volumes.allowed-roots)");
    assertThat(LocalRepos.check(policy, spec("file://" + root + "/link.git")))
        .extracting(SpecError::toString)
        .containsExactly(
            "repo_url: "
                + root
                + "/link.git (resolves to "
                + outside.toRealPath()
                + ") is not under an allowed root (fastci.volumes.allowed-roots)");
    assertThatThrownBy(() -> LocalRepos.enforce(policy, spec("/etc")))
        .isInstanceOf(InvalidSpecException.class);
  }

  private static PipelineSpec spec(String repoUrl) {
    return new PipelineSpecParser(10)
        .parseSpec(
            "{\"name\":\"p\",\"repo_url\":\""
                + repoUrl
                + "\",\"commit_hash\":\"abcdef1\",\"jobs\":[{\"name\":\"a\",\"image\":\"i\","
                + "\"command\":\"true\"}]}",
            SpecFormat.JSON);
  }
}
