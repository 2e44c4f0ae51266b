package dev.fastci.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Follows one job's log file and prints each complete line with the job's name in front. */
final class LogTailer {
  private final Path file;
  private final String prefix;
  private final PrintStream out;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private long offset;

  LogTailer(Path file, String prefix, PrintStream out) {
    this.file = file;
    this.prefix = prefix;
    this.out = out;
  }

  /** Prints the lines written since the last call; a trailing partial line waits for its end. */
  void poll() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() < offset) {
        offset = 0; // rewritten from the start by a re-attached attempt
        partialLine.reset();
      }
      in.seek(offset);
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) > 0) {
        offset += read;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            printLine();
          } else {
            partialLine.write(buffer[i]);
          }
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
