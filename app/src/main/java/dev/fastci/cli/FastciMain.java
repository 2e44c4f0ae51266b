package dev.fastci.cli;

import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS;

import dev.fastci.server.FastciServerApplication;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code fastci} command: {@code server} hands its arguments untouched to Spring; every other
 * command is parsed by picocli. Exit codes: 0 ok, 1 the run did not succeed (or an I/O failure), 2
 * bad arguments, settings or input.
 */
public final class FastciMain {
  static final int OK = 0;
  static final int NOT_SUCCEEDED = 1;
  static final int USAGE = 2;

  private FastciMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("server")) {
      // The server runs until it is stopped; its threads keep the JVM alive.
      FastciServerApplication.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Supplier<CliSettings> settings = CliErrors.settings(CliSettings::fromEnvironment);
    CommandLine hook =
        new CommandLine(new HookCommand())
            .addSubcommand(new HookInstallCommand(settings, System.getenv(), out, err));
    CommandLine user =
        new CommandLine(new UserCommand())
            .addSubcommand(new UserAddCommand(settings, System.getenv(), out, err))
            .addSubcommand(new UserListCommand(settings, System.getenv(), out, err))
            .addSubcommand(new UserRoleCommand(settings, System.getenv(), out, err))
            .addSubcommand(new UserPasswordCommand(settings, System.getenv(), out, err))
            .addSubcommand(new UserDeleteCommand(settings, System.getenv(), out, err))
            .addSubcommand(new UserTokenCommand(settings, System.getenv(), out, err));
    CommandLine help = new CommandLine(new HelpCommand());
    help.getCommandSpec().usageMessage().synopsisHeading("usage: ");
    CommandLine fastci =
        new CommandLine(new FastciCommand())
            .addSubcommand(new RunCommand(settings, out, err))
            .addSubcommand(new ValidateCommand(settings, out, err))
            .addSubcommand(new WorkerCommand(settings, out, err))
            .addSubcommand(hook)
            .addSubcommand(user)
            .addSubcommand(help);
    // fastci's help is its usage text, which lists the commands and the settings (the
    // subcommands keep picocli's sections: CommandLine's setters would change theirs too)
    UsageMessageSpec usage = fastci.getCommandSpec().usageMessage();
    usage.sectionKeys(List.of(SECTION_KEY_SYNOPSIS));
    usage.sectionMap().put(SECTION_KEY_SYNOPSIS, unused -> FastciCommand.usage());
    return execute(fastci, out, err, args);
  }

  /** Parses the arguments and runs the command they name, as every fastci command does. */
  static int execute(CommandLine command, PrintStream out, PrintStream err, String... args) {
    CliErrors errors = new CliErrors();
    return command
        .setOut(writer(out))
        .setErr(writer(err))
        .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
        .setExpandAtFiles(false) // @file is a file name, not a file of arguments
        .setOverwrittenOptionsAllowed(true) // the last --server wins, as before picocli
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors)
        .execute(args);
  }

  /** A writer into the stream, in the stream's own charset. */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) {
            stream.print(new String(chars, offset, length));
          }

          @Override
          public void flush() {
            stream.flush();
          }

          @Override
          public void close() {
            stream.flush();
          }
        },
        true);
  }
}
