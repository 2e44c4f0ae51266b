package dev.fastci.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void durationsAreShortAndReadable() {
    assertThat(Durations.format(420)).isEqualTo("0.42s");
    assertThat(Durations.format(9_994)).isEqualTo("9.99s");
    assertThat(Durations.format(9_996)).isEqualTo("10.0s");
    assertThat(Durations.format(12_340)).isEqualTo("12.3s");
    assertThat(Durations.format(59_960)).isEqualTo("1m00s");
    assertThat(Durations.format(245_000)).isEqualTo("4m05s");
    assertThat(Durations.format(3_725_000)).isEqualTo("1h02m");
  }
}
