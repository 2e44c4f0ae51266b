package dev.fastci.backend.docker;

import dev.fastci.backend.JobStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether this host can run containers of a platform: its own architecture natively, any other
 * through an enabled QEMU handler in binfmt_misc. Checked before a job's container is made, so a
 * job for a platform the host cannot run ends in ERROR with how to fix it, instead of failing with
 * "exec format error" from inside the container. The Docker engine is assumed to run on this host.
 */
public final class PlatformSupport {
  public static final Path BINFMT_MISC = Path.of("/proc/sys/fs/binfmt_misc");

  /** Docker architecture names to the names QEMU and binfmt handlers use. */
  private static final Map<String, String> QEMU_NAMES =
      Map.of(
          "amd64", "x86_64",
          "arm64", "aarch64",
          "arm", "arm",
          "386", "i386",
          "ppc64le", "ppc64le",
          "s390x", "s390x",
          "riscv64", "riscv64",
          "mips64le", "mips64el",
          "mips64", "mips64");

  private final Path binfmtMisc;
  private final String hostArch;

  public PlatformSupport(Path binfmtMisc, String hostArch) {
    this.binfmtMisc = binfmtMisc;
    this.hostArch = hostArch;
  }

  /** This host, as the JVM sees it. */
  public static PlatformSupport ofThisHost() {
    return new PlatformSupport(BINFMT_MISC, dockerArch(System.getProperty("os.arch")));
  }

  /** The Docker name of a JVM's {@code os.arch}. */
  static String dockerArch(String jvmArch) {
    return switch (jvmArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> jvmArch;
    };
  }

  /**
   * Checks that this host can run {@code platform} ({@code os/arch[/variant]}).
   *
   * @throws JobStartException saying why not, and how to enable it
   */
  public void check(String platform) {
    String[] parts = platform.split("/");
    if (!parts[0].equals("linux")) {
      throw new JobStartException(
          "platform " + platform + " cannot run here: this host runs only linux containers", null);
    }
    String arch = parts.length > 1 ? parts[1] : hostArch;
    if (arch.equals(hostArch) || (hostArch.equals("amd64") && arch.equals("386"))) {
      return;
    }
    String qemu = QEMU_NAMES.getOrDefault(arch, arch);
    if (!handlerEnabled(qemu)) {
      throw new JobStartException(
          "platform "
              + platform
              + " cannot run on this "
              + hostArch
              + " host: no enabled binfmt handler for "
              + qemu
              + " in "
              + binfmtMisc
              + ". Install qemu-user-static and register binfmt (apt-get install"
              + " qemu-user-static; systemctl restart systemd-binfmt, or see"
              + " scripts/arm64-image.sh)",
          null);
    }
  }

  private boolean handlerEnabled(String qemuName) {
    if (!enabled(binfmtMisc.resolve("status"))) {
      return false;
    }
    try (DirectoryStream<Path> handlers =
        Files.newDirectoryStream(binfmtMisc, "*" + qemuName + "*")) {
      for (Path handler : handlers) {
        if (handler.getFileName().toString().matches("qemu-" + qemuName + "(-static)?")
            && enabled(handler)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + binfmtMisc, e);
    }
  }

  private static boolean enabled(Path file) {
    try {
      List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
      return !lines.isEmpty() && lines.get(0).strip().equals("enabled");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
