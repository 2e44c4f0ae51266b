package dev.fastci.cli;

import dev.fastci.server.users.Users;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fastci user add NAME [--role R]}: prints the generated password, once. */
@Command(
    name = "add",
    customSynopsis = "usage: fastci user add NAME [--role viewer|operator|admin]",
    description = "Adds a user with a generated password, which it prints this once.",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserAddCommand extends UserSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "1 to 64 of A-Z a-z 0-9 . _ @ -")
  String name;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      defaultValue = "viewer",
      description = "viewer (the default), operator or admin")
  String role;

  UserAddCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    Users.Added added = store.users.add(CliStore.actor(), name, role, null);
    out.println("added " + added.name() + " (" + added.role().shown() + ")");
    out.println("password (shown only this once): " + added.password());
  }
}
