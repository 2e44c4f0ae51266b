package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DAG on real containers: jobs start as soon as their own parents succeeded, in order. */
class DagSchedulingIntegrationTest extends EngineIntegrationTest {

  @Test
  void jobStartsWhenItsOwnParentSucceededWithoutWaitingForASlowSibling() {
    PipelineState state =
        engine.run(
            """
            {"name": "eager",
             "jobs": [
               {"name": "a", "image": "busybox:latest", "command": "true"},
               {"name": "b", "image": "busybox:latest", "command": "sleep 3"},
               {"name": "c", "image": "busybox:latest", "command": "true"}
             ],
             "parents": {"c": ["a"]}}
            """);

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    JobState a = state.job("a");
    JobState b = state.job("b");
    JobState c = state.job("c");
    assertThat(c.startedAt()).isGreaterThanOrEqualTo(a.finishedAt());
    assertThat(c.finishedAt()).isLessThan(b.finishedAt());
    assertNoContainersOf(state.runId());
  }

  static Stream<Arguments> dags() {
    List<String> chain = IntStream.rangeClosed(1, 13).mapToObj(i -> "j" + i).toList();
    Map<String, List<String>> chainParents = new LinkedHashMap<>();
    for (int i = 1; i < chain.size(); i++) {
      chainParents.put(chain.get(i), List.of(chain.get(i - 1)));
    }
    return Stream.of(
        Arguments.of("chain of 13", chain, chainParents),
        Arguments.of(
            "diamond",
            List.of("top", "left", "right", "bottom"),
            Map.of(
                "left", List.of("top"),
                "right", List.of("top"),
                "bottom", List.of("left", "right"))),
        Arguments.of(
            "far-reaching dependency",
            List.of("j1", "j2", "j3", "j4", "j5"),
            Map.of(
                "j2", List.of("j1"),
                "j3", List.of("j2"),
                "j4", List.of("j3"),
                "j5", List.of("j1", "j4"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dags")
  void everyJobSucceedsAndStartsOnlyAfterAllItsParentsFinished(
      String shape, List<String> jobs, Map<String, List<String>> parents) {
    PipelineState state = engine.run(pipeline(shape, jobs, parents));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(state.jobs()).extracting(JobState::status).containsOnly(JobStatus.SUCCEEDED);
    for (JobState job : state.jobs()) {
      assertThat(job.parents())
          .as(job.name())
          .isEqualTo(parents.getOrDefault(job.name(), List.of()));
      for (String parent : job.parents()) {
        assertThat(job.startedAt())
            .as("%s starts after its parent %s finished", job.name(), parent)
            .isGreaterThanOrEqualTo(state.job(parent).finishedAt());
      }
    }
    assertNoContainersOf(state.runId());
  }

  private static String pipeline(
      String shape, List<String> jobs, Map<String, List<String>> parents) {
    List<String> jobTexts = new ArrayList<>();
    for (String job : jobs) {
      jobTexts.add(
          "{\"name\": \"%s\", \"image\": \"busybox:latest\", \"command\": \"true\"}"
              .formatted(job));
    }
    String parentsText =
        parents.entrySet().stream()
            .map(
                e ->
                    "\"%s\": [%s]"
                        .formatted(
                            e.getKey(),
                            e.getValue().stream()
                                .map(p -> "\"" + p + "\"")
                                .collect(Collectors.joining(", "))))
            .collect(Collectors.joining(", "));
    return """
        {"name": "%s", "jobs": [%s], "parents": {%s}}
        """
        .formatted(shape, String.join(", ", jobTexts), parentsText);
  }
}
