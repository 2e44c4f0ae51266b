package dev.fastci.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fastci user delete NAME}. */
@Command(
    name = "delete",
    customSynopsis = "usage: fastci user delete NAME",
    description = "Deletes a user and their tokens (not the last admin).",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserDeleteCommand extends UserSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the user")
  String name;

  UserDeleteCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    store.users.delete(CliStore.actor(), name);
    out.println("deleted " + name + " and their tokens");
  }
}
