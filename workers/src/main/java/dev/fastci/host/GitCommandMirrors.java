package dev.fastci.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link Mirrors} with the {@code git} command: it fetches and indexes a repository's objects on
 * every core, in C, and writes a checkout about twice as fast as JGit on a worker's C1-only JVM.
 */
final class GitCommandMirrors implements Mirrors {
  private final GitCommand git;

  GitCommandMirrors(GitCommand git) {
    this.git = git;
  }

  @Override
  public boolean has(Path mirror, String commitHash) {
    try {
      git.run(mirror, "cat-file", "-e", commitHash + "^{commit}");
      return true;
    } catch (IOException missing) {
      return false;
    }
  }

  @Override
  public void create(Path mirror, String repoUrl) throws IOException {
    Files.createDirectories(mirror);
    git.run(mirror, "init", "--quiet", "--bare");
    git.run(mirror, "config", "--", "remote.origin.url", repoUrl);
    git.run(mirror, "config", "remote.origin.fetch", "+refs/*:refs/*");
    git.run(mirror, "config", "remote.origin.mirror", "true");
  }

  @Override
  public void fetch(Path mirror) throws IOException {
    git.run(mirror, "fetch", "--quiet", "--prune", "origin");
  }

  @Override
  public void checkout(Path mirror, String repoUrl, String commitHash, Path dir)
      throws IOException {
    git.run(dir, "init", "--quiet");
    Files.writeString(
        dir.resolve(".git/objects/info/alternates"),
        mirror.resolve("objects") + "\n",
        StandardCharsets.UTF_8);
    git.run(dir, "config", "--", "remote.origin.url", repoUrl);
    git.run(dir, "checkout", "--quiet", "--detach", commitHash);
  }
}
