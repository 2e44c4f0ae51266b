package dev.fastci.cli;

import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code fastci validate FILE}: prints every problem of the spec, host paths judged as {@code
 * fastci run} on this machine judges them; exit 0 or 2.
 */
final class ValidateCommand {
  private final CliSettings settings;
  private final PrintStream out;
  private final PrintStream err;

  ValidateCommand(CliSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length != 1) {
      err.println("usage: fastci validate FILE");
      return FastciMain.USAGE;
    }
    List<SpecError> errors;
    try {
      errors = settings.hostPathPolicy().check(SpecFiles.read(Path.of(args[0])));
    } catch (InvalidSpecException e) {
      errors = e.errors();
    } catch (IllegalArgumentException badSetting) {
      err.println("fastci: " + badSetting.getMessage());
      return FastciMain.USAGE;
    }
    if (errors.isEmpty()) {
      out.println(args[0] + ": valid");
      return FastciMain.OK;
    }
    printErrors(err, args[0], errors);
    return FastciMain.USAGE;
  }

  static void printErrors(PrintStream err, String file, List<SpecError> errors) {
    err.println(file + ": invalid pipeline spec (" + errors.size() + " problem(s)):");
    errors.forEach(e -> err.println("  " + e));
  }
}
