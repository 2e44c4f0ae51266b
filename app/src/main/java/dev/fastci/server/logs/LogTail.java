package dev.fastci.server.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Copies a growing log file to a client from an offset, once or until the writer is done. */
final class LogTail {
  private static final long POLL_MILLIS = 200;
  private final Path file;
  private long offset;

  LogTail(Path file, long offset) {
    this.file = file;
    this.offset = offset;
  }

  /**
   * The log from {@code offset} as text/plain: what it holds now, or, with {@code follow}, all it
   * gets until {@code ended}.
   */
  static ResponseEntity<StreamingResponseBody> response(
      Path file, long offset, boolean follow, BooleanSupplier ended) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    LogTail tail = new LogTail(file, offset);
    StreamingResponseBody body = follow ? out -> tail.follow(out, ended) : tail::copyAvailable;
    return ResponseEntity.ok().contentType(JobLogController.TEXT).body(body);
  }

  /** Copies what the file holds now. */
  void copyAvailable(OutputStream out) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() < offset) {
        offset = 0; // rewritten by a re-attached attempt: start over
      }
      in.seek(offset);
      byte[] buffer = new byte[16384];
      int read;
      while ((read = in.read(buffer)) > 0) {
        out.write(buffer, 0, read);
        offset += read;
      }
    }
    out.flush();
  }

  /**
   * Copies until {@code ended} says the job is over, then copies the rest: the job's activity
   * writes its last byte before the job counts as ended, so the end of the file is the end.
   */
  void follow(OutputStream out, BooleanSupplier ended) throws IOException {
    while (true) {
      boolean over = ended.getAsBoolean();
      copyAvailable(out);
      if (over) {
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
