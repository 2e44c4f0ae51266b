package dev.fastci.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
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
 * has one bare mirror under {@code <data-dir>/mirrors}, fetched only when it lacks the commit, and
 * a checkout borrows the mirror's objects (git alternates) instead of copying them.
 */
final class RepoCheckout {
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private final Path mirrors;

  RepoCheckout(Path dataDir) {
    this.mirrors = dataDir.resolve("mirrors").toAbsolutePath();
  }

  /** Returns how the mirror was brought up to date: "cloned", "fetched" or "up to date". */
  String checkout(String repoUrl, String commitHash, Path dir) {
    Path mirror = mirrors.resolve(key(repoUrl) + ".git");
    try {
      String mirrorState;
      synchronized (LOCKS.computeIfAbsent(mirror, m -> new Object())) {
        mirrorState = updateMirror(repoUrl, commitHash, mirror);
      }
      checkoutFromMirror(repoUrl, mirror, commitHash, dir);
      return mirrorState;
    } catch (GitAPIException | RevisionSyntaxException | IOException e) {
      throw new CheckoutException(
          "could not check out " + repoUrl + " at " + commitHash + ": " + e.getMessage());
    }
  }

  private static String updateMirror(String repoUrl, String commitHash, Path mirror)
      throws GitAPIException, IOException {
    if (!Files.exists(mirror.resolve("HEAD"))) {
      // Not a clone: a clone follows the remote's HEAD, which in a fresh bare repository may name
      // a branch nobody pushed (master while main was pushed). A mirror needs only the refs.
      Files.createDirectories(mirror.getParent());
      try (Git git = Git.init().setBare(true).setDirectory(mirror.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", repoUrl);
        config.setString("remote", "origin", "fetch", "+refs/*:refs/*");
        config.setBoolean("remote", "origin", "mirror", true);
        config.save();
        git.fetch().setRemote("origin").setRemoveDeletedRefs(true).call();
      }
      return "cloned";
    }
    try (Git git = Git.open(mirror.toFile())) {
      if (resolve(git.getRepository(), commitHash) != null) {
        return "up to date";
      }
      git.fetch().setRemote("origin").setRemoveDeletedRefs(true).call();
      return "fetched";
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
      ObjectId id = resolve(repo, commitHash);
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

  /** The commit, or null when the repository does not have it (or it is not a commit). */
  private static ObjectId resolve(Repository repo, String commitHash) throws IOException {
    try {
      return repo.resolve(commitHash + "^{commit}");
    } catch (MissingObjectException | IncorrectObjectTypeException notACommitHere) {
      return null;
    }
  }

  /** One mirror per repository URL, under a name safe on any file system. */
  private static String key(String repoUrl) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(repoUrl.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static final class CheckoutException extends RuntimeException {
    CheckoutException(String message) {
      super(message);
    }
  }
}
