package dev.fastci.artifacts;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry, as the Docker engine sends a container's files: ustar headers,
 * with PAX ({@code x}) and GNU ({@code L}) long names and sizes. Only what artifacts need.
 */
final class TarReader {
  private static final int BLOCK = 512;

  /** An entry: its name, size and kind; its bytes are read from the reader before the next. */
  record Entry(String name, long size, char type) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isLink() {
      return type == '1' || type == '2';
    }
  }

  private final InputStream in;
  private long left; // bytes of the current entry not read yet
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive. */
  Entry next() throws IOException {
    in.skipNBytes(left + padding);
    left = 0;
    padding = 0;
    String longName = null;
    Long longSize = null;
    while (true) {
      byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK || isZero(header)) {
        return null;
      }
      char type = (char) header[156];
      long size = size(header);
      String name = text(header, 0, 100);
      if (text(header, 257, 5).equals("ustar")) {
        String prefix = text(header, 345, 155);
        name = prefix.isEmpty() ? name : prefix + "/" + name;
      }
      if (type == 'x' || type == 'g' || type == 'L') {
        byte[] data = readPadded(size);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        } else if (type == 'x') {
          for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            int equals = record.indexOf('=');
            if (space < 0 || equals < space) {
              continue;
            }
            String key = record.substring(space + 1, equals);
            String value = record.substring(equals + 1);
            if (key.equals("path")) {
              longName = value;
            } else if (key.equals("size")) {
              longSize = Long.parseLong(value.strip());
            }
          }
        }
        continue;
      }
      Entry entry =
          new Entry(longName != null ? longName : name, longSize != null ? longSize : size, type);
      long stored = entry.isFile() ? entry.size() : size;
      left = stored;
      padding = (BLOCK - stored % BLOCK) % BLOCK;
      return entry;
    }
  }

  /** The current entry's bytes (read once). */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the archive ends inside an entry");
        }
        left--;
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
          throw new EOFException("the archive ends inside an entry");
        }
        left -= n;
        return n;
      }
    };
  }

  private byte[] readPadded(long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
    return data;
  }

  private static long size(byte[] header) {
    if ((header[124] & 0x80) != 0) { // base-256, for sizes beyond 8 GiB
      long value = 0;
      for (int i = 125; i < 136; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    String octal = text(header, 124, 12).strip();
    return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
