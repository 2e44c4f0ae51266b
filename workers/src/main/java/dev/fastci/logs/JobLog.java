package dev.fastci.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The log of one try of a job attempt, {@code <data-dir>/logs/RUN/JOB.ATTEMPT.log} (or {@code
 * JOB.ATTEMPT.tryN.log}, see {@link LogFiles}), and the try's result file beside it. What FastCI
 * writes into it is UTF-8; the container's output goes in as it came.
 */
public final class JobLog {
  private static final String SUFFIX = ".log";
  private final Path path;

  public JobLog(Path path) {
    this.path = path;
  }

  public static JobLog of(LogFiles logs, String runId, String job, int attempt, int tryNumber) {
    return new JobLog(logs.jobLog(runId, job, attempt, tryNumber));
  }

  public Path path() {
    return path;
  }

  /**
   * The try's result, beside its log: {@code JOB.ATTEMPT.result.json}, {@code ...tryN.result.json}.
   */
  public Path resultFile() {
    String name = path.getFileName().toString();
    String attempt =
        name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    return path.resolveSibling(attempt + ".result.json");
  }

  /** Opens the log empty: a re-attached attempt rewrites it from the container's start. */
  public OutputStream openFresh() throws IOException {
    Files.createDirectories(path.getParent());
    return Files.newOutputStream(path);
  }

  /** Replaces the log with this one line. */
  public void writeFresh(String line) {
    try (OutputStream log = openFresh()) {
      log.write(utf8Line(line));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + path, e);
    }
  }

  /** Adds these lines at the end of the log; does nothing when there are none. */
  public void append(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(path.getParent());
      Files.write(
          path,
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + path, e);
    }
  }

  /** The line and its newline, in UTF-8. */
  public static byte[] utf8Line(String line) {
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
