package dev.fastci.cli;

import java.io.PrintStream;

/** Lets tests in other packages run the command in-process. */
public final class FastciMainAccess {
  private FastciMainAccess() {}

  public static int run(String[] args, PrintStream out) {
    return FastciMain.run(args, out, out);
  }
}
