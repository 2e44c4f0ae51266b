package dev.fastci.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;

/** Real git repositories for tests, made with JGit. */
public final class GitRepos {
  private GitRepos() {}

  /**
   * A repository on branch main with one commit per version, each writing {@code version.txt};
   * returns the commit ids, oldest first.
   */
  public static List<String> withVersions(Path repo, String... versions) throws Exception {
    List<String> commits = new ArrayList<>();
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (String version : versions) {
        Files.writeString(repo.resolve("version.txt"), version + "\n");
        git.add().addFilepattern("version.txt").call();
        commits.add(
            git.commit()
                .setMessage("version " + version)
                .setAuthor("FastCI Test", "test@fastci.dev")
                .setCommitter("FastCI Test", "test@fastci.dev")
                .setSign(false)
                .call()
                .getName());
      }
    }
    return commits;
  }
}
