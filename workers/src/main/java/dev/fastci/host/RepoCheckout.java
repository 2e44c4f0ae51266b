package dev.fastci.host;

import dev.fastci.git.GitAuth;
import dev.fastci.git.Mirrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Checks out one commit of a repository into a pipeline dir, fast on repeat runs: each repository
 * has one bare mirror ({@link Mirrors}), fetched only when it lacks the commit, and a checkout
 * borrows the mirror's objects (git alternates) instead of copying them.
 */
final class RepoCheckout {
  private final Mirrors mirrors;

  RepoCheckout(Path dataDir) {
    this.mirrors = new Mirrors(dataDir);
  }

  /** Returns how the mirror was brought up to date: "cloned", "fetched" or "up to date". */
  String checkout(String repoUrl, String commitHash, Path dir) {
    return checkout(repoUrl, commitHash, dir, GitAuth.NONE, null);
  }

  /**
   * Like {@link #checkout(String, String, Path)}, fetching with these credentials and, when the
   * mirror lacks the commit, {@code fetchRef} first.
   */
  String checkout(String repoUrl, String commitHash, Path dir, GitAuth auth, String fetchRef) {
    try {
      Mirrors.Mirror mirror = mirrors.ensure(repoUrl, commitHash, auth, fetchRef);
      checkoutFromMirror(repoUrl, mirror.gitDir(), commitHash, dir);
      return mirror.state();
    } catch (Mirrors.MirrorException | RevisionSyntaxException | IOException e) {
      throw new CheckoutException(
          "could not check out " + repoUrl + " at " + commitHash + ": " + e.getMessage());
    }
  }

  private static void checkoutFromMirror(String repoUrl, Path mirror, String commitHash, Path dir)
      throws IOException {
    Path gitDir = dir.resolve(".git");
    try (Repository created = FileRepositoryBuilder.create(gitDir.toFile())) {
      created.create();
      StoredConfig config = created.getConfig();
      config.setString("remote", "origin", "url", repoUrl);
      config.save();
    }
    Files.writeString(
        gitDir.resolve("objects/info/alternates"),
        mirror.resolve("objects") + "\n",
        StandardCharsets.UTF_8);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      ObjectId id = Mirrors.resolve(repo, commitHash);
      if (id == null) {
        throw new CheckoutException("commit " + commitHash + " is not in " + repoUrl);
      }
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(id);
        RefUpdate head = repo.updateRef(Constants.HEAD, true); // detached at the commit
        head.setNewObjectId(commit);
        head.forceUpdate();
        DirCacheCheckout checkout =
            new DirCacheCheckout(repo, repo.lockDirCache(), commit.getTree());
        checkout.setFailOnConflict(true);
        checkout.checkout();
      }
    }
  }

  static final class CheckoutException extends RuntimeException {
    CheckoutException(String message) {
      super(message);
    }
  }
}
