package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The image of the containers that hold a run's network namespace: one static program, {@value
 * #PROGRAM}, that sleeps until killed, like Kubernetes' pause image. No registry is needed: the
 * program is 129 bytes of x86-64 machine code in an ELF file, loaded like {@code docker load} loads
 * what {@code docker save} wrote.
 */
public final class PauseImage {
  public static final String REPOSITORY = "fastci/pause";
  public static final String TAG = "1";
  public static final String NAME = REPOSITORY + ":" + TAG;
  public static final String PROGRAM = "/pause";

  private static final long LOAD_ADDRESS = 0x400000;
  private static final int ELF_HEADER_SIZE = 64;
  private static final int PROGRAM_HEADER_SIZE = 56;

  /** {@code loop: mov eax, 34 (pause); syscall; jmp loop}. */
  private static final byte[] X86_64_PAUSE_LOOP = {
    (byte) 0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, (byte) 0xeb, (byte) 0xf7
  };

  private PauseImage() {}

  /** Whether an engine of this architecture (Docker's {@code info} name) can run the image. */
  public static boolean supports(String engineArchitecture) {
    return "x86_64".equals(engineArchitecture) || "amd64".equals(engineArchitecture);
  }

  /** Imports the image unless the engine has it already. */
  public static void ensure(DockerClient docker) {
    try {
      docker.inspectImageCmd(NAME).exec();
    } catch (NotFoundException missing) {
      docker.loadImageCmd(new ByteArrayInputStream(savedImage())).exec();
    }
  }

  /** The image as {@code docker save} writes it: a manifest, the image config and one layer. */
  static byte[] savedImage() {
    byte[] layer = rootFileSystem();
    String config =
        """
        {"architecture":"amd64","os":"linux","config":{"Cmd":["%s"]},\
        "rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}\
        """
            .formatted(PROGRAM, sha256(layer));
    String manifest =
        """
        [{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\
        """
            .formatted(NAME);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    addFile(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "0000644");
    addFile(tar, "config.json", config.getBytes(StandardCharsets.UTF_8), "0000644");
    addFile(tar, "layer.tar", layer, "0000644");
    tar.writeBytes(new byte[1024]); // the end of the archive: two empty blocks
    return tar.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static void addFile(ByteArrayOutputStream tar, String name, byte[] content, String mode) {
    tar.writeBytes(tarHeader(name, content.length, mode));
    tar.writeBytes(content);
    tar.writeBytes(new byte[padding(content.length)]);
  }

  /** A tar of the image's only file, {@value #PROGRAM}, executable. */
  static byte[] rootFileSystem() {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    addFile(tar, PROGRAM.substring(1), program(), "0000755");
    tar.writeBytes(new byte[1024]); // the end of the archive: two empty blocks
    return tar.toByteArray();
  }

  /** A static x86-64 Linux ELF executable: one loadable segment, no sections. */
  static byte[] program() {
    int size = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE + X86_64_PAUSE_LOOP.length;
    ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]); // 64-bit, LE, SysV
    elf.putShort((short) 2); // an executable
    elf.putShort((short) 0x3e); // x86-64
    elf.putInt(1);
    elf.putLong(LOAD_ADDRESS + ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE); // the entry point
    elf.putLong(ELF_HEADER_SIZE); // the program headers follow this header
    elf.putLong(0); // no section headers
    elf.putInt(0);
    elf.putShort((short) ELF_HEADER_SIZE);
    elf.putShort((short) PROGRAM_HEADER_SIZE);
    elf.putShort((short) 1);
    elf.putShort((short) 64);
    elf.putShort((short) 0);
    elf.putShort((short) 0);
    elf.putInt(1); // PT_LOAD: the whole file, at the load address
    elf.putInt(5); // readable and executable
    elf.putLong(0);
    elf.putLong(LOAD_ADDRESS);
    elf.putLong(LOAD_ADDRESS);
    elf.putLong(size);
    elf.putLong(size);
    elf.putLong(0x1000);
    elf.put(X86_64_PAUSE_LOOP);
    return elf.array();
  }

  private static byte[] tarHeader(String name, int size, String mode) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, mode + "\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, "%011o\0".formatted(size));
    put(header, 136, "%011o\0".formatted(0));
    Arrays.fill(header, 148, 156, (byte) ' '); // the checksum counts itself as spaces
    header[156] = '0'; // a regular file
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    int checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    put(header, 148, "%06o\0 ".formatted(checksum));
    return header;
  }

  private static void put(byte[] block, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }

  private static int padding(int size) {
    return (512 - size % 512) % 512;
  }
}
