package dev.fastci.host;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
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
            .call()) {
      ObjectId commit = resolve(git, commitHash);
      if (commit == null) {
        throw new CheckoutException("commit " + commitHash + " is not in " + repoUrl);
      }
      git.checkout().setName(commit.name()).call();
    } catch (GitAPIException | RevisionSyntaxException | IOException e) {
      throw new CheckoutException(
          "could not check out " + repoUrl + " at " + commitHash + ": " + e.getMessage());
    }
  }

  /** The commit, or null when the repository does not have it (or it is not a commit). */
  private static ObjectId resolve(Git git, String commitHash) throws IOException {
    try {
      return git.getRepository().resolve(commitHash + "^{commit}");
    } catch (MissingObjectException | IncorrectObjectTypeException notACommitHere) {
      return null;
    }
  }

  static final class CheckoutException extends RuntimeException {
    CheckoutException(String message) {
      super(message);
    }
  }
}
