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
 * A chunk a worker on another host sends (of a log, of a kept file), written at its byte offset:
 * what was after it is cut, a chunk sent again is written again at the same place, a chunk at 0
 * starts the file over.
 */
public final class ChunkWrites {
  private ChunkWrites() {}

  /**
   * @param what the file in the error's words: {@code the log}, a path
   * @throws IllegalArgumentException for a negative offset
   * @throws RunConflictException for an offset past the file's end
   */
  public static void write(Path file, long offset, InputStream body, String what)
      throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    Files.createDirectories(file.getParent());
    synchronized (file.toString().intern()) {
      try (FileChannel out =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (offset > out.size()) {
          throw new RunConflictException(
              "offset: " + offset + " is past the end of " + what + " (" + out.size() + " bytes)");
        }
        out.truncate(offset);
        out.position(offset);
        body.transferTo(Channels.newOutputStream(out));
      }
    }
  }
}
