package dev.fastci.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.fastci.testing.DockerEngine;
import java.util.Arrays;

/** The "nothing left behind" assertion every integration test ends with. */
final class NothingLeftBehind {
  private NothingLeftBehind() {}

  /**
   * No container of the run exists any more, in any state. Checked at once: a run ends only after
   * its activities removed their containers.
   */
  static void assertNoContainersOf(String runId) {
    assertThat(DockerEngine.fastciContainers(runId))
        .as("containers left behind by run %s", runId)
        .extracting(NothingLeftBehind::describe)
        .isEmpty();
  }

  static String describe(Container container) {
    return Arrays.toString(container.getNames()) + " " + container.getState();
  }
}
