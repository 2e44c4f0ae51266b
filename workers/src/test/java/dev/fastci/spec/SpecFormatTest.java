package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecFormatTest {

  @Test
  void fileExtensionPicksTheFormat() {
    assertThat(SpecFormat.forFileName("ci.yaml")).isEqualTo(SpecFormat.YAML);
    assertThat(SpecFormat.forFileName("CI.YML")).isEqualTo(SpecFormat.YAML);
    assertThat(SpecFormat.forFileName("pipeline.json")).isEqualTo(SpecFormat.JSON);
    assertThat(SpecFormat.forFileName("pipeline.txt")).isEqualTo(SpecFormat.AUTO);
  }

  @Test
  void autoIsJsonWhenTheTextStartsWithABraceOrBracket() {
    assertThat(SpecFormat.AUTO.resolve("\n  {\"a\": 1}")).isEqualTo(SpecFormat.JSON);
    assertThat(SpecFormat.AUTO.resolve("[1]")).isEqualTo(SpecFormat.JSON);
    assertThat(SpecFormat.AUTO.resolve("name: x")).isEqualTo(SpecFormat.YAML);
  }

  @Test
  void explicitFormatIsKept() {
    assertThat(SpecFormat.YAML.resolve("{\"a\": 1}")).isEqualTo(SpecFormat.YAML);
  }
}
