package dev.fastci.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every {@code fastci} command reports what it cannot run. Bad arguments: one line naming the
 * problem (picocli's message, or {@code unknown command 'X'}), then the command's usage, exit 2. A
 * bad setting: {@code fastci: MESSAGE}, exit 2. Anything else: the stack trace, exit 1.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** A setting of the environment that cannot be read; its message names the setting. */
  static final class BadSetting extends RuntimeException {
    BadSetting(IllegalArgumentException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The settings, read when a command first needs them, a bad one thrown as {@link BadSetting}. */
  static Supplier<CliSettings> settings(Supplier<CliSettings> read) {
    return () -> {
      try {
        return read.get();
      } catch (IllegalArgumentException badSetting) {
        throw new BadSetting(badSetting);
      }
    };
  }

  @Override
  public int handleParseException(ParameterException parseError, String[] args) {
    CommandLine command = parseError.getCommandLine();
    // picocli reports a missing argument before an unknown option: `run --foo` names --foo
    ParameterException problem =
        parseError instanceof MissingParameterException
                && !command.getUnmatchedArguments().isEmpty()
            ? new UnmatchedArgumentException(command, command.getUnmatchedArguments())
            : parseError;
    PrintWriter err = command.getErr();
    err.println("fastci: " + message(problem));
    UnmatchedArgumentException.printSuggestions(problem, err);
    err.print(usage(command));
    err.flush();
    return FastciMain.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    if (e instanceof BadSetting) {
      command.getErr().println("fastci: " + e.getMessage());
      command.getErr().flush();
      return FastciMain.USAGE;
    }
    throw e; // picocli prints the stack trace and exits 1
  }

  /** The command's usage: its synopsis section, which is all of it for {@code fastci} itself. */
  private static String usage(CommandLine command) {
    return command
        .getHelpSectionMap()
        .get(UsageMessageSpec.SECTION_KEY_SYNOPSIS)
        .render(command.getHelp());
  }

  private static String message(ParameterException problem) {
    CommandLine command = problem.getCommandLine();
    if (problem instanceof UnmatchedArgumentException unmatched
        && !command.getSubcommands().isEmpty()) {
      List<String> words = unmatched.getUnmatched();
      if (!words.isEmpty() && !words.get(0).startsWith("-")) {
        return "unknown command '" + subcommandPath(command.getCommandSpec()) + words.get(0) + "'";
      }
    }
    return problem.getMessage();
  }

  /** The words between {@code fastci} and the command's subcommands: "" or "hook ". */
  private static String subcommandPath(CommandSpec spec) {
    return spec.parent() == null ? "" : subcommandPath(spec.parent()) + spec.name() + " ";
  }
}
