package dev.fastci.service;

import dev.fastci.logs.JobLog;
import dev.fastci.logs.TruncatingOutputStream;
import dev.fastci.secrets.SecretMaskingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The log file of one service container as this worker follows it: the container's output (capped,
 * secrets masked) and FastCI's own lines, written from the stream's thread and the activity's, one
 * write at a time. It is rewritten from the container's start when a new process follows it.
 */
final class ServiceLog {
  /** How many of its last lines a failure quotes. */
  static final int TAIL_LINES = 10;

  private static final int TAIL_BYTES = 8192;
  private static final int MAX_LINE = 300;

  private final Path path;
  private final OutputStream out;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private boolean closed;

  private ServiceLog(Path path, OutputStream out) {
    this.path = path;
    this.out = out;
  }

  static ServiceLog open(Path path, long maxBytes, Collection<String> secretValues) {
    try {
      OutputStream file = new JobLog(path).openFresh();
      return new ServiceLog(
          path,
          new SecretMaskingOutputStream(new TruncatingOutputStream(file, maxBytes), secretValues));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the log " + path, e);
    }
  }

  Path path() {
    return path;
  }

  /** Where the container's output goes. */
  OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        synchronized (ServiceLog.this) {
          if (!closed) {
            out.write(bytes, offset, length);
          }
        }
      }

      @Override
      public void flush() throws IOException {
        synchronized (ServiceLog.this) {
          if (!closed) {
            out.flush();
          }
        }
      }
    };
  }

  /** A line of FastCI's own; nothing once the log is closed. */
  synchronized void line(String text) {
    if (closed) {
      return;
    }
    try {
      out.write(JobLog.utf8Line(text));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log " + path, e);
    }
  }

  /** The output has ended: writes what is held back and closes the file. */
  void close() {
    synchronized (this) {
      if (!closed) {
        closed = true;
        try {
          out.close();
        } catch (IOException e) {
          throw new UncheckedIOException("could not close the log " + path, e);
        } finally {
          drained.complete(null);
        }
      }
    }
  }

  /** Waits up to {@code max} until the container's output is all in the file. */
  void awaitDrained(Duration max) {
    try {
      drained.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException notYet) {
      // quote what is there
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Its last lines, each cut at a few hundred characters; what is written so far. */
  List<String> tail() {
    if (!Files.exists(path)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
      long from = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.seek(from);
      in.readFully(bytes);
      List<String> lines =
          Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"))
              .skip(from > 0 ? 1 : 0) // the first may be cut
              .filter(line -> !line.isBlank())
              .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line)
              .toList();
      return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    } catch (IOException e) {
      return List.of("(its log could not be read: " + e.getMessage() + ")");
    }
  }
}
