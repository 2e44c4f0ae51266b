package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every command says about its arguments: {@code -h}/{@code --help} on out with exit 0, an
 * unknown option or a missing argument on err with the command's usage line and exit 2. Nothing
 * here starts an engine or touches Docker.
 */
class CliUsageTest {
  private static final String PARALLEL = "fastci.worker.max-parallel-jobs";

  @TempDir Path dir;

  @AfterEach
  void clearSetting() {
    System.clearProperty(PARALLEL);
  }

  @ParameterizedTest
  @CsvSource({
    "run,          usage: fastci run FILE [--server URL] [--branch BRANCH] [--param NAME=VALUE]...",
    "validate,     usage: fastci validate FILE",
    "worker,       usage: fastci worker",
    "hook,         usage: fastci hook install REPO --server URL [--secret S]",
    "hook install, usage: fastci hook install REPO --server URL [--secret S]"
  })
  void everyCommandDescribesItselfOnHelp(String command, String usageLine) {
    for (String option : new String[] {"--help", "-h"}) {
      CliRun run = CliRun.of(args(command, option));

      assertThat(run.exitCode()).as(command + " " + option).isZero();
      assertThat(run.out()).startsWith(usageLine + "\n").contains("-h, --help");
      assertThat(run.err()).isEmpty();
    }
    if (!command.contains(" ")) {
      assertThat(CliRun.of("help", command).out()).startsWith(usageLine + "\n");
    }
  }

  @Test
  void theHelpOfACommandNamesItsOptionsAndExitCodes() {
    assertThat(CliRun.of("run", "--help").out())
        .contains("FILE")
        .contains("--server=URL")
        .contains("exit codes:")
        .contains("1   it did not");
    assertThat(CliRun.of("hook", "install", "--help").out())
        .contains("REPO")
        .contains("--server=URL")
        .contains("--secret=S");
  }

  @Test
  void fastciHelpIsTheUsageText() {
    for (String help : new String[] {"help", "--help", "-h"}) {
      CliRun run = CliRun.of(help);

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).isEqualTo(FastciCommand.usage());
      assertThat(run.err()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "run p.json --frobnicate,                 usage: fastci run FILE [--server URL] [--branch BRANCH] [--param NAME=VALUE]...",
    "run --frobnicate,                        usage: fastci run FILE [--server URL] [--branch BRANCH] [--param NAME=VALUE]...",
    "validate --frobnicate p.json,            usage: fastci validate FILE",
    "worker --frobnicate,                     usage: fastci worker",
    "hook --frobnicate,                       usage: fastci hook install REPO",
    "hook install r --server http://h --frobnicate, usage: fastci hook install REPO",
    "--frobnicate,                            usage: fastci <command> [args]"
  })
  void anUnknownOptionIsNamedWithTheUsageAndExitTwo(String command, String usage) {
    CliRun run = CliRun.of(args(command));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("fastci: Unknown option: '--frobnicate'\n").contains(usage);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void missingOrExtraArgumentsAreNamed() {
    CliRun noFile = CliRun.of("run");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err())
        .isEqualTo(
            "fastci: Missing required parameter: 'FILE'\nusage: fastci run FILE [--server URL] [--branch BRANCH] [--param NAME=VALUE]...\n");

    CliRun noServerUrl = CliRun.of("run", "p.json", "--server");
    assertThat(noServerUrl.exitCode()).isEqualTo(2);
    assertThat(noServerUrl.err()).contains("'--server'");

    CliRun twoFiles = CliRun.of("validate", "a.json", "b.json");
    assertThat(twoFiles.exitCode()).isEqualTo(2);
    assertThat(twoFiles.err()).contains("'b.json'").contains("usage: fastci validate FILE");

    CliRun noServer = CliRun.of("hook", "install", dir.toString());
    assertThat(noServer.exitCode()).isEqualTo(2);
    assertThat(noServer.err()).contains("Missing required option: '--server=URL'");
  }

  @Test
  void anUnknownCommandIsNamed() {
    CliRun top = CliRun.of("frobnicate");
    assertThat(top.exitCode()).isEqualTo(2);
    assertThat(top.err())
        .startsWith("fastci: unknown command 'frobnicate'\n")
        .endsWith(FastciCommand.usage());

    CliRun hook = CliRun.of("hook", "remove", dir.toString());
    assertThat(hook.exitCode()).isEqualTo(2);
    assertThat(hook.err()).startsWith("fastci: unknown command 'hook remove'\n");
  }

  @Test
  void noCommandPrintsTheUsageOnErrWithExitTwo() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(FastciCommand.usage());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anAtSignArgumentIsAFileNameNotAnArgumentFile() {
    CliRun run = CliRun.of("validate", "@" + dir.resolve("args"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read @" + dir.resolve("args"));
  }

  @Test
  void aBadSettingIsReportedWhenACommandNeedsIt() throws Exception {
    System.setProperty(PARALLEL, "many");

    assertThat(CliRun.of("run", "--help").exitCode()).isZero();
    for (String[] args :
        new String[][] {
          {"validate", "p.json"},
          {"hook", "install", bareRepo(), "--server", "http://127.0.0.1:8080", "--secret", "s"}
        }) {
      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).startsWith("fastci: ").contains("\"many\"").doesNotContain("\tat ");
    }
  }

  private String bareRepo() throws GitAPIException {
    Path repo = dir.resolve("app.git");
    Git.init().setBare(true).setDirectory(repo.toFile()).call().close();
    return repo.toString();
  }

  private static String[] args(String... words) {
    return String.join(" ", words).split(" ");
  }
}
