package dev.fastci.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code fastci user list}. */
@Command(
    name = "list",
    customSynopsis = "usage: fastci user list",
    description = "Lists the users and their roles.",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserListCommand extends UserSubcommand {

  UserListCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    store.users.list().forEach(u -> out.println(u.name() + "\t" + u.role().shown()));
  }
}
