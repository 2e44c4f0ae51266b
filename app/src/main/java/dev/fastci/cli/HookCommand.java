package dev.fastci.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fastci hook}: its one subcommand is {@code install}; alone it prints the usage, exit 2.
 */
@Command(
    name = "hook",
    customSynopsis = HookInstallCommand.USAGE_LINE,
    description = "The git post-receive hook that starts a repository's pipelines at each push.")
final class HookCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(HookInstallCommand.USAGE_LINE);
    spec.commandLine().getErr().flush();
    return FastciMain.USAGE;
  }
}
