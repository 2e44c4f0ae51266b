package dev.fastci.logs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a job's log at a number of bytes: what comes after is dropped, once a visible marker line
 * says so. The job itself goes on; its exit code decides how it ends.
 */
public final class TruncatingOutputStream extends FilterOutputStream {
  private final long maxBytes;
  private long written;
  private boolean truncated;
  private byte last = '\n';

  public TruncatingOutputStream(OutputStream out, long maxBytes) {
    super(out);
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The line that ends a cut log. */
  public static String marker(long maxBytes) {
    return "[fastci: log truncated at " + maxBytes + " bytes; the job goes on]\n";
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (truncated || len == 0) {
      return;
    }
    long room = maxBytes - written;
    int fits = (int) Math.min(len, room);
    if (fits > 0) {
      out.write(b, off, fits);
      written += fits;
      last = b[off + fits - 1];
    }
    if (fits < len) {
      truncated = true;
      String marker = (last == '\n' ? "" : "\n") + marker(maxBytes);
      out.write(marker.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** True once output was dropped. */
  public synchronized boolean truncated() {
    return truncated;
  }
}
