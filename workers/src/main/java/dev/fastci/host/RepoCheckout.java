package dev.fastci.host;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;

/** Clones a repository and checks out one commit (detached), with JGit. */
final class RepoCheckout {
  private RepoCheckout() {}

  static void checkout(String repoUrl, String commitHash, Path dir) {
    try (Git git =
        Git.cloneRepository()
            .setURI(repoUrl)
            .setDirectory(dir.toFile())
            .setCloneAllBranches(true)
            .setNoCheckout(true)
            .call()) {
      ObjectId commit = git.getRepository().resolve(commitHash + "^{commit}");
      if (commit == null) {
        throw new CheckoutException("commit " + commitHash + " is not in " + repoUrl);
      }
      git.checkout().setName(commit.name()).call();
    } catch (GitAPIException | RevisionSyntaxException | java.io.IOException e) {
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
