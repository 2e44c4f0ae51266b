package dev.fastci.job;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** The container's output on its way to the log: remembers when the last of it arrived. */
final class LogProgress extends FilterOutputStream {
  private volatile long lastWriteNanos = System.nanoTime();

  LogProgress(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    lastWriteNanos = System.nanoTime();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    lastWriteNanos = System.nanoTime();
  }

  /** How long since the output last brought a byte, or since {@code since} when that is later. */
  Duration quietSince(long sinceNanos) {
    return Duration.ofNanos(System.nanoTime() - Math.max(lastWriteNanos, sinceNanos));
  }

  /** The log is closed by its owner, after the stream has drained. */
  @Override
  public void close() {}
}
