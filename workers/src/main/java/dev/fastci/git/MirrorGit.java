package dev.fastci.git;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The git work of {@link Mirrors} and the checkouts from them, done by the {@code git} command
 * ({@link GitCommandMirrorGit}) when it is installed, else by JGit ({@link JGitMirrorGit}).
 */
public interface MirrorGit {

  /** The kind for this process: the git command's when it is installed. */
  static MirrorGit forThisHost() {
    return GitCommand.installed()
        ? new GitCommandMirrorGit(new GitCommand(System.getenv()))
        : new JGitMirrorGit();
  }

  /** The git command's, for tests and benchmarks that compare the two. */
  static MirrorGit gitCommand() {
    return new GitCommandMirrorGit(new GitCommand(System.getenv()));
  }

  /** JGit's, for tests and benchmarks that compare the two. */
  static MirrorGit jgit() {
    return new JGitMirrorGit();
  }

  /** True when the mirror holds the commit. */
  boolean has(Path mirror, String commitHash) throws IOException;

  /**
   * Makes {@code mirror} a bare repository whose origin is {@code repoUrl}, with every ref of
   * origin. Not a clone: a clone follows the remote's HEAD, which in a fresh bare repository may
   * name a branch nobody pushed (master while main was pushed).
   */
  void create(Path mirror, String repoUrl) throws IOException;

  /**
   * Makes {@code mirror} a new mirror of {@code repoUrl} with every ref of origin: {@link #create},
   * then {@link #fetch} of everything.
   */
  default void cloneMirror(Path mirror, String repoUrl, GitAuth auth) throws IOException {
    create(mirror, repoUrl);
    fetch(mirror, auth, null);
  }

  /**
   * Fetches into the mirror with these credentials ({@link GitAuth#NONE}: the process's own):
   * {@code refSpec} alone (a pull request's head), or, when it is null, every ref of origin,
   * removing those origin deleted.
   */
  void fetch(Path mirror, GitAuth auth, String refSpec) throws IOException;

  /**
   * Makes {@code dir} a repository that borrows the mirror's objects (git alternates), with origin
   * {@code repoUrl}, and checks the commit out there, detached.
   */
  void checkout(Path mirror, String repoUrl, String commitHash, Path dir) throws IOException;
}
