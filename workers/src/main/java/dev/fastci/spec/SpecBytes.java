package dev.fastci.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the bytes of a spec strictly: a byte sequence that is not valid in the charset is an
 * error at {@code $}, instead of silently becoming U+FFFD inside a name or a command.
 */
public final class SpecBytes {
  private SpecBytes() {}

  /** {@link #decode(byte[], Charset)} in UTF-8. */
  public static String decode(byte[] bytes) {
    return decode(bytes, StandardCharsets.UTF_8);
  }

  /**
   * @throws InvalidSpecException when the bytes are not valid in {@code charset}
   */
  public static String decode(byte[] bytes, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()));
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new InvalidSpecException(
          List.of(
              new SpecError(
                  "$", "not valid " + charset.name() + ": byte offset " + in.position())));
    }
    return out.flip().toString();
  }
}
