package dev.fastci.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TruncatingOutputStreamTest {

  @Test
  void outputPastTheLimitIsDroppedAfterOneMarkerLine() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TruncatingOutputStream out = new TruncatingOutputStream(log, 10);
    out.write("12345678".getBytes(UTF_8));
    out.write("abcdef".getBytes(UTF_8));
    out.write("more".getBytes(UTF_8));
    out.write('x');
    out.close();

    assertThat(log.toString(UTF_8))
        .isEqualTo("12345678ab\n[fastci: log truncated at 10 bytes; the job goes on]\n");
    assertThat(out.truncated()).isTrue();
  }

  @Test
  void aCutAtALineEndAddsNoEmptyLine() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TruncatingOutputStream out = new TruncatingOutputStream(log, 4);
    out.write("abc\n".getBytes(UTF_8));
    assertThat(out.truncated()).isFalse();
    out.write("def\n".getBytes(UTF_8));

    assertThat(log.toString(UTF_8))
        .isEqualTo("abc\n[fastci: log truncated at 4 bytes; the job goes on]\n");
  }

  @Test
  void outputWithinTheLimitIsKeptWhole() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TruncatingOutputStream out = new TruncatingOutputStream(log, 1024);
    for (int i = 0; i < 100; i++) {
      out.write("0123456789".getBytes(UTF_8));
    }
    assertThat(log.size()).isEqualTo(1000);
    assertThat(out.truncated()).isFalse();
  }
}
