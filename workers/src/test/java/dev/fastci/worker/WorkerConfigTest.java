package dev.fastci.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A host id names task queues and containers, so it is checked before anything starts. */
class WorkerConfigTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "-lead", "two words", "a/b", "é"})
  void aHostIdThatCannotNameAQueueOrContainerIsRefusedNamingTheSetting(String hostId) {
    assertThatThrownBy(() -> new WorkerConfig(Path.of("data"), hostId, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fastci.worker.host-id: must be 1 to 100 of");
  }

  @Test
  void usualHostIdsAndTheDefaultAreAccepted() {
    assertThat(new WorkerConfig(Path.of("data"), "worker-1.example_a", 1).hostId())
        .isEqualTo("worker-1.example_a");
    assertThat(new WorkerConfig(Path.of("data"), WorkerConfig.defaultHostId(), 1)).isNotNull();
  }

  @Test
  void maxParallelJobsBelowOneIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new WorkerConfig(Path.of("data"), "h", 0))
        .hasMessage("fastci.worker.max-parallel-jobs: must be at least 1, got 0");
  }
}
