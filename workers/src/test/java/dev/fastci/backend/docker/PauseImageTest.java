package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

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
}
