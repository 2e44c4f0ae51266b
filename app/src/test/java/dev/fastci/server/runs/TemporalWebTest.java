package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemporalWebTest {
  @Test
  void linksTheWorkflowAndOneExecutionsHistoryUnderTheBaseUrl() {
    assertThat(TemporalWeb.link("http://tw:8233/", "r1", null))
        .isEqualTo("http://tw:8233/namespaces/default/workflows/r1");
    assertThat(TemporalWeb.link("http://tw:8233", "r1", "e-7"))
        .isEqualTo("http://tw:8233/namespaces/default/workflows/r1/e-7/history");
  }

  @Test
  void noBaseUrlNoLink() {
    assertThat(TemporalWeb.link(null, "r1", "e-7")).isNull();
    assertThat(TemporalWeb.link(" ", "r1", null)).isNull();
  }
}
