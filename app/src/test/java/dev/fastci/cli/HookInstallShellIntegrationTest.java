package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code fastci hook install} writes, run by the system's {@code sh} as git would run it (an
 * external process, hence the integration lane). The files themselves are checked in {@link
 * HookInstallCommandTest}.
 */
class HookInstallShellIntegrationTest {
  private static final String SERVER = "http://127.0.0.1:8080";

  @TempDir Path dir;

  @Test
  void theConfIsShellThatGivesTheHookExactlyTheUrlAndTheSecret() throws Exception {
    Path repo = bareRepo("app.git");

    CliRun run =
        CliRun.of(
            "hook", "install", repo.toString(), "--server", SERVER + "/", "--secret", "s3cr'et $x");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            sh(
                repo,
                ". hooks/fastci-hook.conf; printf '%s|%s' \"$FASTCI_URL\" \"$FASTCI_HOOK_SECRET\""))
        .isEqualTo(SERVER + "|s3cr'et $x");
  }

  @Test
  void aChainedForeignHookStillRunsFirstWithTheSameInput() throws Exception {
    Path repo = bareRepo("app.git");
    Path foreign = repo.resolve("hooks/post-receive");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "#!/bin/sh\ncat > \"$GIT_DIR/marker\"\necho foreign hook ran\n");
    Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwxr-xr-x"));

    String closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = "http://127.0.0.1:" + socket.getLocalPort();
    }

    CliRun run =
        CliRun.of("hook", "install", repo.toString(), "--server", closedPort, "--secret", "s");
    assertThat(run.exitCode()).as(run.err()).isZero();

    // as git runs it: in the git dir, GIT_DIR=., the pushed refs on stdin (the server is down)
    String input = "1111 2222 refs/heads/main\n3333 4444 refs/heads/dev\n";
    ProcessBuilder builder =
        new ProcessBuilder("sh", "hooks/post-receive")
            .directory(repo.toFile())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FASTCI_"));
    builder.environment().put("GIT_DIR", ".");
    Process hook = builder.start();
    hook.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    hook.getOutputStream().close();
    String output = new String(hook.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(hook.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(hook.exitValue()).isZero();
    assertThat(output).startsWith("foreign hook ran\n").contains("fastci: warning:");
    assertThat(Files.readString(repo.resolve("marker"))).isEqualTo(input);
  }

  private Path bareRepo(String name) throws Exception {
    Path repo = dir.resolve(name);
    Git.init().setBare(true).setDirectory(repo.toFile()).call().close();
    return repo;
  }

  private static String sh(Path cwd, String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
