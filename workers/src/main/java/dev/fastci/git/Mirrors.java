package dev.fastci.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * One bare mirror per repository URL under {@code <data-dir>/mirrors}, fetched only when it lacks
 * the wanted commit. Checkouts borrow its objects; the server reads pipeline files from it. A
 * process holds one lock per mirror, so a server and its own worker never fetch into one at once.
 */
public final class Mirrors {
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private final Path root;

  public Mirrors(Path dataDir) {
    this.root = dataDir.resolve("mirrors").toAbsolutePath();
  }

  /**
   * The mirror of {@code repoUrl} once it holds {@code commit}.
   *
   * @param state how it was brought up to date: "cloned", "fetched" or "up to date"
   */
  public record Mirror(Path gitDir, String state) {}

  /**
   * Brings the mirror up to date for the commit: a missing one is cloned (every ref), one that
   * lacks the commit fetches {@code fetchRef} first (a pull request's head, which no branch holds),
   * then every ref.
   *
   * @throws MirrorException when the repository cannot be fetched or has no such commit
   */
  public Mirror ensure(String repoUrl, String commit, GitAuth auth, String fetchRef) {
    Path mirror = root.resolve(key(repoUrl) + ".git");
    try {
      synchronized (LOCKS.computeIfAbsent(mirror, m -> new Object())) {
        String state = update(repoUrl, commit, auth, fetchRef, mirror);
        return new Mirror(mirror, state);
      }
    } catch (GitAPIException | RevisionSyntaxException | IOException e) {
      throw new MirrorException("could not fetch " + repoUrl + ": " + e.getMessage());
    }
  }

  private static String update(
      String repoUrl, String commit, GitAuth auth, String fetchRef, Path mirror)
      throws GitAPIException, IOException {
    String state = "up to date";
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
      }
      state = "cloned";
    }
    try (Git git = Git.open(mirror.toFile())) {
      if (resolve(git.getRepository(), commit) != null) {
        return state;
      }
      if (fetchRef != null) {
        fetch(git, auth).setRefSpecs(new RefSpec("+" + fetchRef + ":" + fetchRef)).call();
      }
      if (resolve(git.getRepository(), commit) == null) {
        fetch(git, auth).setRemoveDeletedRefs(true).call();
      }
      if (resolve(git.getRepository(), commit) == null) {
        throw new MirrorException("commit " + commit + " is not in " + repoUrl);
      }
      return state.equals("cloned") ? state : "fetched";
    }
  }

  private static FetchCommand fetch(Git git, GitAuth auth) {
    FetchCommand fetch = git.fetch().setRemote("origin");
    if (auth != null && auth.provider() != null) {
      fetch.setCredentialsProvider(auth.provider());
    }
    return fetch;
  }

  /** The commit, or null when the repository does not have it (or it is not a commit). */
  public static ObjectId resolve(Repository repo, String commit) throws IOException {
    try {
      return repo.resolve(commit + "^{commit}");
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

  /** A repository that cannot be fetched, or lacks the commit: trying again will not help. */
  public static final class MirrorException extends RuntimeException {
    public MirrorException(String message) {
      super(message);
    }
  }
}
