package dev.fastci.cli;

import dev.fastci.server.tokens.PersonalTokens;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fastci user token NAME --name TOKEN [--role R] [--expires-in DAYS]}. */
@Command(
    name = "token",
    customSynopsis = "usage: fastci user token NAME --name TOKEN [--role R] [--expires-in DAYS]",
    description =
        "Makes a personal API token for a user and prints it this once: put it into ~/.config/fastci/token for fastci run --server.",
    exitCodeListHeading = UserSubcommand.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:done",
      "1:the store cannot be opened: stop the server first",
      "2:bad input: nothing was changed"
    })
final class UserTokenCommand extends UserSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the user")
  String name;

  @Option(names = "--name", required = true, paramLabel = "TOKEN", description = "the token's name")
  String tokenName;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "at most the user's role (the default)")
  String role;

  @Option(
      names = "--expires-in",
      paramLabel = "DAYS",
      description = "days until it expires; without it, it does not expire")
  Integer days;

  UserTokenCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    super(settings, env, out, err);
  }

  @Override
  void run(CliStore store) {
    if (days != null && days < 1) {
      throw new IllegalArgumentException("--expires-in: must be 1 or more days, got " + days);
    }
    Instant expires = days == null ? null : Instant.now().plus(Duration.ofDays(days));
    PersonalTokens.Created token =
        store.tokens.create(CliStore.actor(), name, tokenName, role, expires);
    out.println(
        "token "
            + token.name()
            + " of "
            + name
            + " ("
            + token.role().shown()
            + ", "
            + (expires == null ? "does not expire" : "expires " + expires)
            + ")");
    out.println(token.token());
  }
}
