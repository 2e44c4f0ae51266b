package dev.fastci.server.logs;

import dev.fastci.server.runs.RunConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a chunk a worker on another host sent into the server's own log file, at its offset: a
 * chunk sent again is written again at the same place, and a chunk at 0 starts the log over.
 */
final class LogUploads {
  private LogUploads() {}

  /**
   * @throws RunConflictException (409) when {@code offset} is past the log's end
   */
  static void write(Path file, long offset, InputStream body) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    Files.createDirectories(file.getParent());
    synchronized (file.toString().intern()) {
      try (FileChannel log =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (offset > log.size()) {
          throw new RunConflictException(
              "offset: " + offset + " is past the end of the log (" + log.size() + " bytes)");
        }
        log.truncate(offset);
        log.position(offset);
        body.transferTo(Channels.newOutputStream(log));
      }
    }
  }
}
