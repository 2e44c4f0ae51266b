package dev.fastci.server.ui.jobs;

import dev.fastci.server.ui.logs.AnsiHtml;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job log as numbered HTML lines (escaped, ANSI colours as spans), from a byte offset on. A
 * last line without its newline is held back until it is complete or the job has ended.
 */
final class LogLines {
  private LogLines() {}

  /** The lines read, and the offset after the last one. */
  record Chunk(List<String> lines, long nextOffset) {}

  static Chunk read(Path file, long offset, boolean includePartial) throws IOException {
    if (!Files.exists(file)) {
      return new Chunk(List.of(), offset);
    }
    byte[] bytes;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return new Chunk(List.of(), offset);
      }
      bytes = new byte[(int) (length - offset)];
      in.seek(offset);
      in.readFully(bytes);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(html(bytes, start, i));
        start = i + 1;
      }
    }
    if (includePartial && start < bytes.length) {
      lines.add(html(bytes, start, bytes.length));
      start = bytes.length;
    }
    return new Chunk(lines, offset + start);
  }

  /** The lines as the log page shows them, numbered from {@code firstNumber}. */
  static String numbered(List<String> lines, int firstNumber) {
    StringBuilder html = new StringBuilder();
    int number = firstNumber;
    for (String line : lines) {
      html.append("<span class=\"line\"><span class=\"ln\">")
          .append(number++)
          .append("</span><span class=\"lt\">")
          .append(line)
          .append("</span></span>");
    }
    return html.toString();
  }

  private static String html(byte[] bytes, int from, int to) {
    return AnsiHtml.render(new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }
}
