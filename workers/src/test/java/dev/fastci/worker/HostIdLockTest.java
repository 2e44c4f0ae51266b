package dev.fastci.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostIdLockTest {
  @TempDir Path dir;

  @Test
  void aHostIdHeldElsewhereIsRefusedNamingTheSettingAndTheHoldersPid() throws Exception {
    Path file = dir.resolve("twin.lock");
    Files.writeString(file, "4242", StandardCharsets.UTF_8);
    try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      assertThatThrownBy(() -> HostIdLock.acquire(dir, "twin"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("pid 4242")
          .hasMessageContaining("'twin'")
          .hasMessageContaining("FASTCI_WORKER_HOST_ID");
    }
  }

  @Test
  void engagesOnceAProcessAndIsFreeAgainWhenItsLastEngineCloses() {
    HostIdLock first = HostIdLock.acquire(dir, "solo");
    HostIdLock second = HostIdLock.acquire(dir, "solo"); // a second engine of this process

    assertThat(second).isSameAs(first);
    second.close();
    first.close();
    HostIdLock.acquire(dir, "solo").close();
  }
}
