package dev.fastci.host;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The git work of checkouts through a bare mirror, done by the {@code git} command ({@link
 * GitCommandMirrors}) when it is installed, else by JGit ({@link JGitMirrors}).
 */
interface Mirrors {

  /** The mirror of its kind for this process: the git command's when it is installed. */
  static Mirrors forThisHost() {
    return GitCommand.installed()
        ? new GitCommandMirrors(new GitCommand(System.getenv()))
        : new JGitMirrors();
  }

  /** True when the mirror holds the commit. */
  boolean has(Path mirror, String commitHash) throws IOException;

  /**
   * Makes {@code mirror} a bare repository whose origin is {@code repoUrl}, with every ref of
   * origin. Not a clone: a clone follows the remote's HEAD, which in a fresh bare repository may
   * name a branch nobody pushed (master while main was pushed).
   */
  void create(Path mirror, String repoUrl) throws IOException;

  /** Fetches every ref of origin into the mirror, removing those origin deleted. */
  void fetch(Path mirror) throws IOException;

  /**
   * Makes {@code dir} a repository that borrows the mirror's objects (git alternates), with origin
   * {@code repoUrl}, and checks the commit out there, detached.
   */
  void checkout(Path mirror, String repoUrl, String commitHash, Path dir) throws IOException;
}
