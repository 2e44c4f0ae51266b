package dev.fastci.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fastci user password NAME}. */
@Command(
    name = "password",
    customSynopsis = "usage: fastci user password NAME",
    description =
        "Gives a user a new generated password, which it prints this once (a way back in for a forgotten admin password).",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserPasswordCommand extends UserSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the user")
  String name;

  UserPasswordCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    out.println(
        "new password of "
            + name
            + " (shown only this once): "
            + store.users.resetPassword(CliStore.actor(), name).password());
  }
}
