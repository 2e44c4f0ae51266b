package dev.fastci.host;

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

/**
 * Checks out one commit of a repository into a pipeline dir, fast on repeat runs: each repository
 * has one bare mirror under {@code <data-dir>/mirrors}, fetched only when it lacks the commit, and
 * a checkout borrows the mirror's objects (git alternates) instead of copying them. The git work is
 * the {@code git} command's when it is installed, else JGit's ({@link Mirrors}).
 */
final class RepoCheckout {
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private static final String UP_TO_DATE = "up to date";
  private final Path mirrors;
  private final Mirrors git;

  RepoCheckout(Path dataDir) {
    this(dataDir, null);
  }

  /**
   * @param git does the git work; null for the git command when it is installed, else JGit
   */
  RepoCheckout(Path dataDir, Mirrors git) {
    this.mirrors = dataDir.resolve("mirrors").toAbsolutePath();
    this.git = git;
  }

  /** Returns how the mirror was brought up to date: "cloned", "fetched" or "up to date". */
  String checkout(String repoUrl, String commitHash, Path dir) {
    Mirrors mirrorsGit = git == null ? Mirrors.forThisHost() : git;
    Path mirror = mirrors.resolve(key(repoUrl) + ".git");
    try {
      String mirrorState;
      synchronized (LOCKS.computeIfAbsent(mirror, m -> new Object())) {
        mirrorState = updateMirror(mirrorsGit, repoUrl, commitHash, mirror);
      }
      if (!mirrorState.equals(UP_TO_DATE) && !mirrorsGit.has(mirror, commitHash)) {
        throw new CheckoutException("commit " + commitHash + " is not in " + repoUrl);
      }
      mirrorsGit.checkout(mirror, repoUrl, commitHash, dir);
      return mirrorState;
    } catch (IOException e) {
      throw new CheckoutException(
          "could not check out " + repoUrl + " at " + commitHash + ": " + e.getMessage());
    }
  }

  private static String updateMirror(Mirrors git, String repoUrl, String commitHash, Path mirror)
      throws IOException {
    if (!Files.exists(mirror.resolve("HEAD"))) {
      Files.createDirectories(mirror.getParent());
      Path staging = mirror.resolveSibling(mirror.getFileName() + ".staging");
      Directories.deleteRecursively(staging);
      git.create(staging, repoUrl);
      git.fetch(staging);
      // whole or not at all: a clone cut short (a worker stopped) is not taken for a mirror
      Files.move(staging, mirror, StandardCopyOption.ATOMIC_MOVE);
      return "cloned";
    }
    if (git.has(mirror, commitHash)) {
      return UP_TO_DATE;
    }
    git.fetch(mirror);
    return "fetched";
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
