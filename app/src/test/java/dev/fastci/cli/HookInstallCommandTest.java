package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookInstallCommandTest {
  private static final String SERVER = "http://127.0.0.1:8080";

  @TempDir Path dir;

  @Test
  void installsAnExecutableHookAndAPrivateConfIntoABareRepo() throws Exception {
    Path repo = bareRepo("app.git");

    CliRun run =
        CliRun.of(
            "hook", "install", repo.toString(), "--server", SERVER + "/", "--secret", "s3cr'et $x");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path hook = repo.resolve("hooks/post-receive");
    Path conf = repo.resolve("hooks/fastci-hook.conf");
    assertThat(Files.readString(hook)).contains(HookInstaller.MARKER).startsWith("#!/bin/sh");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hook)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(conf)).contains("FASTCI_URL='" + SERVER + "'").contains("s3cr");
    // HookInstallShellIntegrationTest sources the conf with sh
    assertThat(run.out())
        .contains("installed the fastci hook " + hook)
        .contains("from --secret")
        .doesNotContain("s3cr");
    assertThat(repo.resolve("hooks/post-receive.local")).doesNotExist();
    assertThat(hooksDirEntries(repo)).containsExactlyInAnyOrder("post-receive", "fastci-hook.conf");
  }

  @Test
  void aForeignHookIsKeptAsTheLocalHookAndChained() throws Exception {
    Path repo = bareRepo("app.git");
    Path foreign = repo.resolve("hooks/post-receive");
    Files.createDirectories(foreign.getParent());
    String foreignScript = "#!/bin/sh\ncat > \"$GIT_DIR/marker\"\necho foreign hook ran\n";
    Files.writeString(foreign, foreignScript);
    Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwxr-xr-x"));

    CliRun run = CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("kept the existing post-receive hook as")
        .contains("runs it first");
    assertThat(Files.readString(repo.resolve("hooks/post-receive.local"))).isEqualTo(foreignScript);
    assertThat(Files.isExecutable(repo.resolve("hooks/post-receive.local"))).isTrue();
    assertThat(Files.readString(repo.resolve("hooks/post-receive"))).contains(HookInstaller.MARKER);

    // HookInstallShellIntegrationTest runs the chained hooks with sh
  }

  @Test
  void reinstallingUpdatesOurHookWithoutChainingItself() throws Exception {
    Path repo = bareRepo("app.git");
    Path hook = repo.resolve("hooks/post-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\necho foreign\n");
    assertThat(
            CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "old")
                .exitCode())
        .isZero();
    Files.writeString(hook, Files.readString(hook) + "# an old version\n");

    CliRun again =
        CliRun.of(
            "hook",
            "install",
            repo.toString(),
            "--server",
            "https://ci.example.com",
            "--secret",
            "new");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("updated the fastci hook").doesNotContain("kept the existing");
    assertThat(Files.readString(hook))
        .contains(HookInstaller.MARKER)
        .doesNotContain("an old version");
    assertThat(Files.readString(repo.resolve("hooks/post-receive.local")))
        .isEqualTo("#!/bin/sh\necho foreign\n");
    assertThat(Files.readString(repo.resolve("hooks/fastci-hook.conf")))
        .contains("FASTCI_URL='https://ci.example.com'")
        .contains("FASTCI_HOOK_SECRET='new'");
    assertThat(hooksDirEntries(repo))
        .containsExactlyInAnyOrder("post-receive", "post-receive.local", "fastci-hook.conf");
  }

  @Test
  void reinstallingIntoARepoWithOnlyOurHookChainsNothing() throws Exception {
    Path repo = bareRepo("app.git");
    CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "s");

    CliRun again =
        CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "s");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("updated the fastci hook");
    assertThat(hooksDirEntries(repo)).containsExactlyInAnyOrder("post-receive", "fastci-hook.conf");
  }

  @Test
  void aForeignHookAndAnExistingLocalHookAreRefused() throws Exception {
    Path repo = bareRepo("app.git");
    Files.createDirectories(repo.resolve("hooks"));
    Files.writeString(repo.resolve("hooks/post-receive"), "#!/bin/sh\necho one\n");
    Files.writeString(repo.resolve("hooks/post-receive.local"), "#!/bin/sh\necho two\n");

    CliRun run = CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("post-receive.local").contains("exists already");
    assertThat(Files.readString(repo.resolve("hooks/post-receive")))
        .isEqualTo("#!/bin/sh\necho one\n");
    assertThat(Files.readString(repo.resolve("hooks/post-receive.local")))
        .isEqualTo("#!/bin/sh\necho two\n");
    assertThat(hooksDirEntries(repo))
        .containsExactlyInAnyOrder("post-receive", "post-receive.local");
  }

  @Test
  void aNonBareRepoGetsTheHookInItsGitDir() throws Exception {
    Path repo = dir.resolve("work");
    Git.init().setDirectory(repo.toFile()).call().close();

    CliRun run = CliRun.of("hook", "install", repo.toString(), "--server", SERVER, "--secret", "s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isExecutable(repo.resolve(".git/hooks/post-receive"))).isTrue();
    assertThat(repo.resolve(".git/hooks/fastci-hook.conf")).exists();
  }

  @Test
  void theSecretComesFromTheEnvironmentElseTheDataDir() throws Exception {
    Path repo = bareRepo("app.git");
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Files.writeString(dataDir.resolve("hook-secret"), "from-file\n");

    Command fromFile = install(Map.of("FASTCI_DATA_DIR", dataDir.toString()), repo);
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromFile.out()).contains("secret from " + dataDir.resolve("hook-secret"));
    assertThat(Files.readString(repo.resolve("hooks/fastci-hook.conf")))
        .contains("FASTCI_HOOK_SECRET='from-file'\n");

    Command fromEnv =
        install(
            Map.of("FASTCI_DATA_DIR", dataDir.toString(), "FASTCI_HOOK_SECRET", "from-env"), repo);
    assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
    assertThat(fromEnv.out()).contains("secret from FASTCI_HOOK_SECRET");
    assertThat(Files.readString(repo.resolve("hooks/fastci-hook.conf")))
        .contains("FASTCI_HOOK_SECRET='from-env'\n");
  }

  @Test
  void noSecretAnywhereIsAUsageErrorAndInstallsNothing() throws Exception {
    Path repo = bareRepo("app.git");
    Path emptyDataDir = Files.createDirectories(dir.resolve("data"));

    Command run = install(Map.of("FASTCI_DATA_DIR", emptyDataDir.toString()), repo);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("no hook secret")
        .contains("--secret")
        .contains("FASTCI_HOOK_SECRET")
        .contains(emptyDataDir.resolve("hook-secret").toString());
    assertThat(repo.resolve("hooks/post-receive")).doesNotExist();
    assertThat(repo.resolve("hooks/fastci-hook.conf")).doesNotExist();
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Path repo = bareRepo("app.git");

    assertThat(CliRun.of("hook").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("hook", "remove", repo.toString()).err())
        .contains("usage: fastci hook install");
    assertThat(CliRun.of("hook", "install", repo.toString()).exitCode()).isEqualTo(2);
    CliRun notARepo =
        CliRun.of("hook", "install", dir.toString(), "--server", SERVER, "--secret", "s");
    assertThat(notARepo.exitCode()).isEqualTo(2);
    assertThat(notARepo.err()).contains("not a git repository");
    CliRun badUrl =
        CliRun.of(
            "hook", "install", repo.toString(), "--server", "localhost:8080", "--secret", "s");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--server must be an http");
    assertThat(CliRun.of("help").out()).contains("hook install REPO --server URL");
  }

  private record Command(int exitCode, String out, String err) {}

  /** The command with exactly these environment variables and no --secret. */
  private static Command install(Map<String, String> env, Path repo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new HookInstallCommand(
                CliSettings.from(env),
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {repo.toString(), "--server", SERVER});
    return new Command(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path bareRepo(String name) throws Exception {
    Path repo = dir.resolve(name);
    Git.init().setBare(true).setDirectory(repo.toFile()).call().close();
    return repo;
  }

  private static List<String> hooksDirEntries(Path repo) throws Exception {
    try (var files = Files.list(repo.resolve("hooks"))) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
