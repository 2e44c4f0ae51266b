package dev.fastci.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} command, when it is installed: it fetches a repository's objects several times
 * faster than JGit (its pack indexing runs on every core, in C), so mirrors are cloned, fetched and
 * checked out with it ({@link GitCommandMirrorGit}); JGit does it all where it is missing. It never
 * prompts: HTTPS credentials come from {@code FASTCI_GIT_USERNAME} and {@code FASTCI_GIT_PASSWORD}
 * through a credential helper that reads them from its environment (never from its arguments), else
 * from {@code ~/.netrc}; SSH uses the worker user's {@code ~/.ssh}, as with JGit.
 */
final class GitCommand {
  private static final long TIMEOUT_MINUTES = 30;
  private static final String HELPER =
      "!f() { test \"$1\" = get && echo username=\"$FASTCI_GIT_USERNAME\""
          + " && echo password=\"$FASTCI_GIT_PASSWORD\"; }; f";

  /** Variables that would point every command at another repository. */
  private static final List<String> REPOSITORY_VARIABLES =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_INDEX_FILE",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_COMMON_DIR",
          "GIT_NAMESPACE");

  private static volatile Boolean installed;

  private final Map<String, String> env;

  /**
   * @param env the worker's environment, for the credentials
   */
  GitCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The same command with a repository's own credentials (a forge's token), handed to the
   * credential helper through the environment like the worker's; {@link GitAuth#NONE} keeps the
   * worker's.
   */
  GitCommand with(GitAuth auth) {
    if (auth.token() == null) {
      return this;
    }
    Map<String, String> own = new java.util.HashMap<>(env);
    own.put("FASTCI_GIT_USERNAME", auth.username() == null ? "fastci" : auth.username());
    own.put("FASTCI_GIT_PASSWORD", auth.token());
    return new GitCommand(own);
  }

  /** True when {@code git --version} runs; asked once per process. */
  static boolean installed() {
    if (installed == null) {
      try {
        Process version = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
        version.getInputStream().readAllBytes();
        installed = version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
      } catch (IOException notThere) {
        installed = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return installed;
  }

  /**
   * Runs {@code git ARGS} in {@code dir}.
   *
   * @throws IOException with git's own message when it fails
   */
  void run(Path dir, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "core.askPass=", "-c", "protocol.ext.allow=never"));
    String user = env.get("FASTCI_GIT_USERNAME");
    if (user != null && !user.isBlank() && env.get("FASTCI_GIT_PASSWORD") != null) {
      command.addAll(List.of("-c", "credential.helper=", "-c", "credential.helper=" + HELPER));
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeAll(REPOSITORY_VARIABLES); // a worker started from a git hook
    environment.put("GIT_TERMINAL_PROMPT", "0");
    environment.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    for (String name : List.of("FASTCI_GIT_USERNAME", "FASTCI_GIT_PASSWORD")) {
      if (env.get(name) != null) {
        environment.put(name, env.get(name));
      }
    }
    builder.redirectErrorStream(true);
    Process git = builder.start();
    try {
      String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        git.destroyForcibly();
        throw new IOException("git " + args[0] + " did not end in " + TIMEOUT_MINUTES + " min");
      }
      if (git.exitValue() != 0) {
        throw new IOException(output.strip().replaceAll("\\s*\\n\\s*", "; "));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      git.destroyForcibly();
      throw new IOException("interrupted while running git " + args[0], e);
    }
  }
}
