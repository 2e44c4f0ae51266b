package dev.fastci.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fastci user}: the store's users, while the server is stopped; alone it prints usage. */
@Command(
    name = "user",
    customSynopsis = UserCommand.USAGE_LINE,
    description = {
      "The users of the data dir's store (FASTCI_DATA_DIR, or SPRING_DATASOURCE_URL), while the"
          + " server is stopped; with the server running, use its Users page or /api/users.",
      "Every change is recorded in the audit log as made by cli."
    })
final class UserCommand implements Callable<Integer> {
  static final String USAGE_LINE = "usage: fastci user (add|list|role|password|delete|token) ...";

  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(USAGE_LINE);
    spec.commandLine().getErr().flush();
    return FastciMain.USAGE;
  }
}
