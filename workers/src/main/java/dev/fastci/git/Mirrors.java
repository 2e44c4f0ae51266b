package dev.fastci.git;

import dev.fastci.util.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.errors.RevisionSyntaxException;

/**
 * One bare mirror per repository URL under {@code <data-dir>/mirrors}, fetched only when it lacks
 * the wanted commit. Checkouts borrow its objects; the server reads pipeline files from it. A
 * process holds one lock per mirror, so a server and its own worker never fetch into one at once.
 * The git work is the {@code git} command's when it is installed, else JGit's ({@link MirrorGit}).
 */
public final class Mirrors {
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private final Path root;
  private final MirrorGit git;

  public Mirrors(Path dataDir) {
    this(dataDir, MirrorGit.forThisHost());
  }

  public Mirrors(Path dataDir, MirrorGit git) {
    this.root = dataDir.resolve("mirrors").toAbsolutePath();
    this.git = git;
  }

  /**
   * The mirror of {@code repoUrl} once it holds {@code commit}.
   *
   * @param state how it was brought up to date: "cloned", "fetched" or "up to date"
   */
  public record Mirror(Path gitDir, String state) {}

  /**
   * Brings the mirror up to date for the commit: a missing one is cloned (whole or not at all: a
   * clone cut short is not taken for a mirror), one that lacks the commit fetches {@code fetchRef}
   * first (a pull request's head, which no branch holds), then every ref.
   *
   * @throws MirrorException when the repository cannot be fetched or has no such commit
   */
  public Mirror ensure(String repoUrl, String commit, GitAuth auth, String fetchRef) {
    Path mirror = root.resolve(key(repoUrl) + ".git");
    String state;
    try {
      synchronized (LOCKS.computeIfAbsent(mirror, m -> new Object())) {
        state = update(repoUrl, commit, auth, fetchRef, mirror);
      }
    } catch (RevisionSyntaxException | IOException e) {
      throw new MirrorException("could not fetch " + repoUrl + ": " + e.getMessage());
    }
    return new Mirror(mirror, state);
  }

  /** Checks the mirror's commit out into {@code dir}, which borrows the mirror's objects. */
  public void checkout(Mirror mirror, String repoUrl, String commit, Path dir) throws IOException {
    git.checkout(mirror.gitDir(), repoUrl, commit, dir);
  }

  private String update(String repoUrl, String commit, GitAuth auth, String fetchRef, Path mirror)
      throws IOException {
    String state;
    if (!Files.exists(mirror.resolve("HEAD"))) {
      Files.createDirectories(mirror.getParent());
      Path staging = mirror.resolveSibling(mirror.getFileName() + ".staging");
      Directories.deleteRecursively(staging);
      if (fetchRef == null) {
        git.cloneMirror(staging, repoUrl, auth);
      } else {
        git.create(staging, repoUrl);
        fetchFor(staging, commit, auth, fetchRef);
      }
      Files.move(staging, mirror, StandardCopyOption.ATOMIC_MOVE);
      state = "cloned";
    } else if (git.has(mirror, commit)) {
      return "up to date";
    } else {
      fetchFor(mirror, commit, auth, fetchRef);
      state = "fetched";
    }
    if (!git.has(mirror, commit)) {
      throw new MirrorException("commit " + commit + " is not in " + repoUrl);
    }
    return state;
  }

  private void fetchFor(Path mirror, String commit, GitAuth auth, String fetchRef)
      throws IOException {
    if (fetchRef != null) {
      git.fetch(mirror, auth, "+" + fetchRef + ":" + fetchRef);
      if (git.has(mirror, commit)) {
        return;
      }
    }
    git.fetch(mirror, auth, null);
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
