package dev.fastci.job;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The second line of defence for {@code platform}: when the binfmt check passed but the kernel
 * still could not execute the container's program (a handler without the F flag, an engine on
 * another host), the runtime prints "exec format error" and the container exits non-zero. Such a
 * job did not run its command, so it ends in ERROR with the fix instead of FAILED.
 */
final class ExecFormatErrors {
  private static final String MARKER = "exec format error";
  private static final int TAIL_BYTES = 4096;

  private ExecFormatErrors() {}

  /** Why the job could not run, when its log ends with an exec format error; else empty. */
  static Optional<String> explain(Path log, String platform) {
    if (platform == null || !tail(log).contains(MARKER)) {
      return Optional.empty();
    }
    return Optional.of(
        "platform "
            + platform
            + ": the container's program could not be executed (exec format error). Install"
            + " qemu-user-static and register binfmt with the F flag (apt-get install"
            + " qemu-user-static; systemctl restart systemd-binfmt, or see"
            + " scripts/arm64-image.sh)");
  }

  private static String tail(Path log) {
    if (!Files.exists(log)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the log " + log, e);
    }
  }
}
