package dev.fastci.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code -h}/{@code --help} option of every {@code fastci} command (a picocli mixin), and the
 * layout of their help: the lowercase {@code usage:} line each command gives as its synopsis, a
 * blank line before each part.
 */
@Command(
    synopsisHeading = "",
    descriptionHeading = "%n",
    parameterListHeading = "%n",
    optionListHeading = "%n",
    commandListHeading = "%ncommands:%n")
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this help and exit")
  boolean help;
}
