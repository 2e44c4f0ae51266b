package dev.fastci.secrets;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every occurrence of a secret value by {@value #MASK} on its way to the log. Output is
 * held back until a newline (or until the stream is closed), so a value split across Docker frames
 * is still found; a very long line is passed on in parts, always holding back enough bytes to
 * finish a match. {@link #flush()} does not give up a partial line.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not masked: masking "1" or "ab" would
 * garble the whole log and tell the value anyway. A value with newlines is also masked line by line
 * (each line of at least {@value #MIN_LENGTH} characters).
 */
public final class SecretMaskingOutputStream extends FilterOutputStream {
  public static final String MASK = "***";
  public static final int MIN_LENGTH = 3;

  /** A line longer than this is passed on in parts. */
  static final int MAX_HELD = 8192;

  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

  private final byte[][] patterns; // longest first, so the longest match wins
  private final boolean[] firstBytes = new boolean[256]; // the bytes a pattern starts with
  private final int longest;
  private byte[] held = new byte[256];
  private int count;

  public SecretMaskingOutputStream(OutputStream out, Collection<String> values) {
    super(out);
    this.patterns = patterns(values);
    this.longest = patterns.length == 0 ? 0 : patterns[0].length;
    for (byte[] pattern : patterns) {
      firstBytes[pattern[0] & 0xff] = true;
    }
  }

  private static byte[][] patterns(Collection<String> values) {
    Set<String> texts = new LinkedHashSet<>();
    for (String value : values) {
      texts.add(value);
      if (value.indexOf('\n') >= 0) {
        for (String line : value.split("\r?\n")) {
          texts.add(line);
        }
      }
    }
    List<byte[]> patterns = new ArrayList<>();
    for (String text : texts) {
      if (text.codePointCount(0, text.length()) >= MIN_LENGTH) {
        patterns.add(text.getBytes(StandardCharsets.UTF_8));
      }
    }
    patterns.sort(Comparator.comparingInt((byte[] p) -> p.length).reversed());
    return patterns.toArray(new byte[0][]);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /**
   * Holds the bytes, then passes on every complete line among them at once (a chunk of output holds
   * many), and a line grown past {@link #MAX_HELD} but for its last bytes.
   */
  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (patterns.length == 0) {
      out.write(b, off, len);
      return;
    }
    int lastNewline = -1;
    for (int i = off + len - 1; i >= off; i--) {
      if (b[i] == '\n') {
        lastNewline = count + i - off;
        break;
      }
    }
    hold(b, off, len);
    if (lastNewline >= 0) {
      pass(lastNewline + 1);
    }
    if (count >= MAX_HELD + longest) {
      pass(count - (longest - 1)); // a match starting before this fits in what is held
    }
  }

  /** Passes on complete lines only: a partial one may still grow into a secret. */
  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  /** Passes on the rest, masked, then closes the log. */
  @Override
  public synchronized void close() throws IOException {
    try {
      pass(count);
    } finally {
      super.close();
    }
  }

  private void hold(byte[] b, int off, int len) {
    if (count + len > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, count + len));
    }
    System.arraycopy(b, off, held, count, len);
    count += len;
  }

  /**
   * Masks and writes the held bytes before {@code end} (and any match that starts there). A match
   * never crosses the end of a line: lines are masked one by one.
   */
  private void pass(int end) throws IOException {
    int from = 0;
    int i = 0;
    int lineEnd = -1;
    while (i < end) {
      if (!firstBytes[held[i] & 0xff]) {
        i++;
        continue;
      }
      if (i >= lineEnd) {
        lineEnd = lineEnd(i);
      }
      byte[] match = matchAt(i, lineEnd);
      if (match == null) {
        i++;
        continue;
      }
      out.write(held, from, i - from);
      out.write(MASK_BYTES);
      i += match.length;
      from = i;
    }
    out.write(held, from, i - from);
    System.arraycopy(held, i, held, 0, count - i);
    count -= i;
  }

  /**
   * Where the line that holds {@code from} ends: after its newline, or at the end of what is held.
   */
  private int lineEnd(int from) {
    for (int i = from; i < count; i++) {
      if (held[i] == '\n') {
        return i + 1;
      }
    }
    return count;
  }

  private byte[] matchAt(int start, int limit) {
    for (byte[] pattern : patterns) {
      if (start + pattern.length <= limit && regionMatches(start, pattern)) {
        return pattern;
      }
    }
    return null;
  }

  private boolean regionMatches(int start, byte[] pattern) {
    for (int j = 0; j < pattern.length; j++) {
      if (held[start + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }
}
