package dev.fastci.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fastci user role NAME viewer|operator|admin}. */
@Command(
    name = "role",
    customSynopsis = "usage: fastci user role NAME viewer|operator|admin",
    description = "Gives a user another role (the last admin stays an admin).",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserRoleCommand extends UserSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the user")
  String name;

  @Parameters(index = "1", paramLabel = "ROLE", description = "viewer, operator or admin")
  String role;

  UserRoleCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    out.println(
        name + " is now " + store.users.change(CliStore.actor(), name, role, null).role().shown());
  }
}
