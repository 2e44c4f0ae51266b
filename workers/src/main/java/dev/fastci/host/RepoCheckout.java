package dev.fastci.host;

import dev.fastci.git.GitAuth;
import dev.fastci.git.MirrorGit;
import dev.fastci.git.Mirrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks out one commit of a repository into a pipeline dir, fast on repeat runs: each repository
 * has one bare mirror ({@link Mirrors}), fetched only when it lacks the commit, and a checkout
 * borrows the mirror's objects (git alternates) instead of copying them. The git work is the {@code
 * git} command's when it is installed, else JGit's ({@link MirrorGit}).
 */
final class RepoCheckout {
  private final Mirrors mirrors;

  RepoCheckout(Path dataDir) {
    this(dataDir, MirrorGit.forThisHost());
  }

  /**
   * @param git does the git work (the git command's or JGit's)
   */
  RepoCheckout(Path dataDir, MirrorGit git) {
    this.mirrors = new Mirrors(dataDir, git);
  }

  /**
   * How a checkout went.
   *
   * @param mirrorState how the mirror was brought up to date: "cloned", "fetched" or "up to date"
   * @param mirrorMillis how long that took
   * @param filesMillis how long the checkout of the files from the mirror took
   */
  record Done(String mirrorState, long mirrorMillis, long filesMillis) {}

  Done checkout(String repoUrl, String commitHash, Path dir) {
    return checkout(repoUrl, commitHash, dir, GitAuth.NONE, null);
  }

  /**
   * Like {@link #checkout(String, String, Path)}, fetching with these credentials and, when the
   * mirror lacks the commit, {@code fetchRef} first.
   */
  Done checkout(String repoUrl, String commitHash, Path dir, GitAuth auth, String fetchRef) {
    try {
      long started = System.nanoTime();
      Mirrors.Mirror mirror = mirrors.ensure(repoUrl, commitHash, auth, fetchRef);
      long mirrored = System.nanoTime();
      mirrors.checkout(mirror, repoUrl, commitHash, dir);
      return new Done(
          mirror.state(),
          (mirrored - started) / 1_000_000,
          (System.nanoTime() - mirrored) / 1_000_000);
    } catch (Mirrors.MirrorException | IOException e) {
      throw new CheckoutException(
          "could not check out " + repoUrl + " at " + commitHash + ": " + e.getMessage());
    }
  }

  static final class CheckoutException extends RuntimeException {
    CheckoutException(String message) {
      super(message);
    }
  }
}
