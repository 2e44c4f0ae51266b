package dev.fastci.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskingOutputStreamTest {

  /** Writes the chunks as separate Docker frames and returns what reached the log. */
  private static String masked(List<String> secrets, String... frames) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, secrets)) {
      for (String frame : frames) {
        out.write(frame.getBytes(UTF_8));
        out.flush();
      }
    }
    return log.toString(UTF_8);
  }

  @Test
  void everyOccurrenceIsMasked() throws IOException {
    assertThat(masked(List.of("s3cr3t"), "token=s3cr3t and again s3cr3ts3cr3t\n"))
        .isEqualTo("token=*** and again ******\n");
  }

  @Test
  void aValueSplitAcrossFramesIsMasked() throws IOException {
    assertThat(masked(List.of("hunter2"), "pass: hun", "te", "r2\nnext ", "hunt", "er2"))
        .isEqualTo("pass: ***\nnext ***");
  }

  @Test
  void aValueSplitByteByByteIsMasked() throws IOException {
    String text = "a pässwörd b\n";
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, List.of("pässwörd"))) {
      for (byte b : text.getBytes(UTF_8)) {
        out.write(b);
        out.flush();
      }
    }
    assertThat(log.toString(UTF_8)).isEqualTo("a *** b\n");
  }

  @Test
  void completeLinesReachTheLogAtOnceButAPartialOneWaits() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, List.of("secret"));
    out.write("line one\nsec".getBytes(UTF_8));
    out.flush();
    assertThat(log.toString(UTF_8)).isEqualTo("line one\n");
    out.write("retly".getBytes(UTF_8));
    out.close();
    assertThat(log.toString(UTF_8)).isEqualTo("line one\n***ly");
  }

  @Test
  void theLongestValueWinsAndShortValuesAreNotMasked() throws IOException {
    assertThat(masked(List.of("abc", "abcdef", "ab", ""), "xabcdefx abc ab a\n"))
        .isEqualTo("x***x *** ab a\n");
  }

  @Test
  void aMultiLineValueIsMaskedLineByLine() throws IOException {
    assertThat(
            masked(
                List.of("-----BEGIN KEY-----\nMIIEvQ\nxy"),
                "-----BEGIN KEY-----\nMII",
                "EvQ\nxy\n"))
        .isEqualTo("***\n***\nxy\n");
  }

  @Test
  void aLongLineWithoutNewlineIsPassedOnInPartsAndStillMasked() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, List.of("topsecret"));
    String chunk = "x".repeat(1000) + "topsecret";
    for (int i = 0; i < 100; i++) {
      out.write(chunk.substring(0, 500).getBytes(UTF_8));
      out.write(chunk.substring(500).getBytes(UTF_8));
    }
    assertThat(log.size()).as("not everything waits for a newline").isGreaterThan(50_000);
    out.close();
    assertThat(log.toString(UTF_8)).isEqualTo(("x".repeat(1000) + "***").repeat(100));
  }

  @Test
  void aChunkOfManyLinesIsMaskedLineByLineAndItsPartialLastLineWaits() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, List.of("s3cr3t"));
    out.write("a s3cr3t\nb\nc s3c\nr3t d\ns3c".getBytes(UTF_8));
    out.flush();
    assertThat(log.toString(UTF_8)).isEqualTo("a ***\nb\nc s3c\nr3t d\n");
    out.write("r3t!\n".getBytes(UTF_8));
    assertThat(log.toString(UTF_8)).isEqualTo("a ***\nb\nc s3c\nr3t d\n***!\n");
    out.close();
  }

  @Test
  void withoutSecretsOutputPassesThrough() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, List.of());
    out.write("partial".getBytes(UTF_8));
    assertThat(log.toString(UTF_8)).isEqualTo("partial");
    out.close();
  }

  @Test
  void fromVariablesReadsFastciSecretVariables() {
    SecretSource source = SecretSource.fromVariables(java.util.Map.of("FASTCI_SECRET_TOKEN", "v"));

    assertThat(source.value("TOKEN")).isEqualTo("v");
    assertThat(source.value("OTHER")).isNull();
    assertThat(SecretSource.variable("TOKEN")).isEqualTo("FASTCI_SECRET_TOKEN");
  }
}
