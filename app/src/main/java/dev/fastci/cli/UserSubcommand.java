package dev.fastci.cli;

import dev.fastci.server.users.UserConflictException;
import dev.fastci.server.users.UserNotFoundException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/**
 * What every {@code fastci user ...} command shares: it opens the store of the data dir, does its
 * one change (audited as {@code cli}), and reports. Exit 0 done, 1 the store cannot be opened (the
 * server runs), 2 bad input (an unknown user, a name taken, a bad role...).
 */
abstract class UserSubcommand implements Callable<Integer> {
  static final String EXIT_CODES_HEADING = "%nexit codes:%n";

  private final Supplier<CliSettings> settings;
  private final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;

  @Mixin HelpOption help;

  UserSubcommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Does the command's work on the opened store. */
  abstract void run(CliStore store);

  @Override
  public Integer call() {
    CliStore store;
    try {
      store = CliStore.open(settings.get().dataDir(), env);
    } catch (CliStore.Unavailable e) {
      err.println("fastci: " + e.getMessage());
      return FastciMain.NOT_SUCCEEDED;
    }
    try {
      run(store);
    } catch (IllegalArgumentException | UserNotFoundException | UserConflictException e) {
      err.println("fastci: " + e.getMessage());
      return FastciMain.USAGE;
    }
    return FastciMain.OK;
  }
}
