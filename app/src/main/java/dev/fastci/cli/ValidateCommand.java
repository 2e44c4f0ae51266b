package dev.fastci.cli;

import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code fastci validate FILE}: prints every problem of the spec; exit 0 or 2. */
final class ValidateCommand {
  private final PrintStream out;
  private final PrintStream err;

  ValidateCommand(PrintStream out, PrintStream err) {
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
      errors = SpecFiles.validate(Path.of(args[0]));
    } catch (InvalidSpecException e) {
      errors = e.errors();
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
