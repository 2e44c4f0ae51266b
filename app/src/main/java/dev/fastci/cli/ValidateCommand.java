package dev.fastci.cli;

import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code fastci validate FILE}: prints every problem of the spec, host paths judged as {@code
 * fastci run} on this machine judges them; exit 0 or 2.
 */
@Command(
    name = "validate",
    customSynopsis = "usage: fastci validate FILE",
    description =
        "Prints every problem of the pipeline spec, each with its path; host paths are judged as"
            + " `fastci run` on this machine judges them.",
    exitCodeListHeading = "%nexit codes:%n",
    exitCodeList = {"0:the spec is valid", "2:it is not, or a setting or an argument is bad"})
final class ValidateCommand implements Callable<Integer> {
  private final Supplier<CliSettings> settings;
  private final PrintStream out;
  private final PrintStream err;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "the pipeline spec, JSON or YAML")
  String file;

  ValidateCommand(Supplier<CliSettings> settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    List<SpecError> errors;
    try {
      errors = settings.get().hostPathPolicy().check(SpecFiles.read(Path.of(file)));
    } catch (InvalidSpecException e) {
      errors = e.errors();
    } catch (IllegalArgumentException badSetting) {
      err.println("fastci: " + badSetting.getMessage());
      return FastciMain.USAGE;
    }
    if (errors.isEmpty()) {
      out.println(file + ": valid");
      return FastciMain.OK;
    }
    printErrors(err, file, errors);
    return FastciMain.USAGE;
  }

  static void printErrors(PrintStream err, String file, List<SpecError> errors) {
    err.println(file + ": invalid pipeline spec (" + errors.size() + " problem(s)):");
    errors.forEach(e -> err.println("  " + e));
  }
}
