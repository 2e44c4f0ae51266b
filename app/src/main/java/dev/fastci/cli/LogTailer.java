package dev.fastci.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Follows the log of one try of a job attempt and prints each complete line with the job's name in
 * front.
 */
final class LogTailer {
  private final RunSource source;
  private final String runId;
  private final String job;
  private final int attempt;
  private final int tryNumber;
  private final String prefix;
  private final PrintStream out;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private long offset;

  LogTailer(
      RunSource source,
      String runId,
      String job,
      int attempt,
      int tryNumber,
      String prefix,
      PrintStream out) {
    this.source = source;
    this.runId = runId;
    this.job = job;
    this.attempt = attempt;
    this.tryNumber = tryNumber;
    this.prefix = prefix;
    this.out = out;
  }

  /** Prints the lines written since the last call; a trailing partial line waits for its end. */
  void poll() throws IOException {
    byte[] chunk;
    while ((chunk = source.log(runId, job, attempt, tryNumber, offset)).length > 0) {
      offset += chunk.length;
      for (byte b : chunk) {
        if (b == '\n') {
          printLine();
        } else {
          partialLine.write(b);
        }
      }
    }
  }

  /** Prints everything left, including a last line without a newline. */
  void finish() throws IOException {
    poll();
    if (partialLine.size() > 0) {
      printLine();
    }
  }

  private void printLine() {
    out.println(prefix + partialLine.toString(StandardCharsets.UTF_8));
    partialLine.reset();
  }
}
