package dev.fastci.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/** Finds a repository's git dir and what in its config changes where git looks for hooks. */
final class GitDirs {
  private GitDirs() {}

  /**
   * The git dir of a repository: the path itself (bare, or a .git dir) or its .git dir; null, after
   * saying why on err, when there is none.
   */
  static Path gitDir(Path repo, PrintStream err) {
    Path path = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      err.println("fastci: " + repo + " is not a directory");
      return null;
    }
    if (isGitDir(path)) {
      return path;
    }
    Path dotGit = path.resolve(".git");
    if (Files.isDirectory(dotGit) && isGitDir(dotGit)) {
      return dotGit;
    }
    if (Files.isRegularFile(dotGit)) {
      err.println(
          "fastci: "
              + dotGit
              + " is a file (a linked worktree or a submodule): pass the repository's git dir");
    } else {
      err.println("fastci: " + repo + " is not a git repository (no HEAD, no .git)");
    }
    return null;
  }

  private static boolean isGitDir(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
  }

  /** Warns on err when core.hooksPath sends git to hooks elsewhere than the git dir's. */
  static void warnIfHooksPathSet(Path gitDir, PrintStream err) {
    Path file = gitDir.resolve("config");
    try {
      Config config = new Config();
      config.fromText(Files.readString(file));
      String hooksPath = config.getString("core", null, "hooksPath");
      if (hooksPath != null && !hooksPath.isBlank()) {
        err.println(
            "fastci: warning: core.hooksPath is "
                + hooksPath
                + " in "
                + file
                + ": git runs the hooks from there, not from "
                + gitDir.resolve("hooks"));
      }
    } catch (IOException | ConfigInvalidException e) {
      // no readable config: git uses the hooks dir
    }
  }
}
