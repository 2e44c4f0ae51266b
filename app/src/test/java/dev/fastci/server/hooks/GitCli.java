package dev.fastci.server.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real git command line, as a developer pushing to the server would use it. */
final class GitCli {
  private GitCli() {}

  /** What a git command printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {}

  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=FastCI Test",
                "-c",
                "user.email=test@fastci.dev",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process git =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!git.waitFor(60, TimeUnit.SECONDS)) {
      git.destroyForcibly();
      throw new IllegalStateException("git " + String.join(" ", args) + " did not end");
    }
    return new Result(
        git.exitValue(), new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static String ok(Path dir, String... args) throws IOException, InterruptedException {
    Result result = run(dir, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "git " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output();
  }
}
