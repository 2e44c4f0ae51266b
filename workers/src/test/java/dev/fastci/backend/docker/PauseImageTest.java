package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseImageTest {

  @Test
  void theProgramIsAStaticX8664ElfWhoseEntryIsItsCode() {
    ByteBuffer elf = ByteBuffer.wrap(PauseImage.program()).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(elf.capacity()).isEqualTo(129);
    assertThat(elf.getInt(0)).isEqualTo(0x464c457f); // \x7fELF
    assertThat(elf.get(4)).as("64-bit").isEqualTo((byte) 2);
    assertThat(elf.getShort(18)).as("x86-64").isEqualTo((short) 0x3e);
    assertThat(elf.getLong(24)).as("entry").isEqualTo(0x400000L + 64 + 56);
    assertThat(elf.getLong(96)).as("the segment holds the whole file").isEqualTo(129);
  }

  @Test
  void theSavedImageIsATarThatTarReadsWithItsLayerInside(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("saved.tar");
    Files.write(saved, PauseImage.savedImage());

    assertThat(tar(dir, "-tf", saved.toString()))
        .isEqualTo("manifest.json\nconfig.json\nlayer.tar\n");
    tar(dir, "-xf", saved.toString());
    assertThat(Files.readString(dir.resolve("manifest.json")))
        .contains("\"RepoTags\":[\"fastci/pause:1\"]");
    assertThat(tar(dir, "-tvf", "layer.tar")).startsWith("-rwxr-xr-x").contains(" 129 ");
  }

  @Test
  void onlyX8664EnginesRunIt() {
    assertThat(PauseImage.supports("x86_64")).isTrue();
    assertThat(PauseImage.supports("aarch64")).isFalse();
  }

  @Test
  void aHolderNameNamesItsRunAndNoOtherNameDoes() {
    assertThat(HolderNames.runOf(HolderNames.of("abc-12"))).isEqualTo("abc-12");
    assertThat(HolderNames.runOf("fastci-pool-host-1234-net")).isNull();
    assertThat(HolderNames.runOf("fastci-abc-12-build-1")).isNull();
  }

  private static String tar(Path dir, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "tar";
    System.arraycopy(args, 0, command, 1, args.length);
    Process tar = new ProcessBuilder(command).directory(dir.toFile()).start();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(tar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).as("tar %s: %s", String.join(" ", args), err).isZero();
    return out;
  }
}
