package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code on.branches} and {@code on.pull_request}: which pushes and pull requests start what. */
class PullRequestRulesTest {
  private static final String JOBS =
      "\"jobs\":[{\"name\":\"a\",\"image\":\"i\",\"command\":\"true\"}]";

  private static PipelineSpec spec(String on) {
    return PipelineSpecParser.parse(
        "{\"name\":\"p\"," + JOBS + (on == null ? "" : ",\"on\":" + on) + "}", SpecFormat.JSON);
  }

  private static List<SpecError> errors(String on) {
    return PipelineSpecParser.validate(
        "{\"name\":\"p\"," + JOBS + ",\"on\":" + on + "}", SpecFormat.JSON);
  }

  @Test
  void withoutOnEveryPushAndEveryPullRequestStartsIt() {
    PipelineSpec spec = spec(null);

    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/feature")).isTrue();
    assertThat(BranchFilter.startsOnPush(spec, "refs/tags/v1")).isTrue();
    assertThat(BranchFilter.startsOnPullRequest(spec, "anything")).isTrue();
  }

  @Test
  void onBranchesAloneMeansPushesOnly() {
    PipelineSpec spec = spec("{\"branches\":[\"main\"]}");

    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/main")).isTrue();
    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/other")).isFalse();
    assertThat(BranchFilter.startsOnPullRequest(spec, "main")).isFalse();
  }

  @Test
  void onPullRequestBranchesFiltersByTargetAndStartsNoPush() {
    PipelineSpec spec = spec("{\"pull_request\":{\"branches\":[\"main\",\"release/*\"]}}");

    assertThat(BranchFilter.startsOnPullRequest(spec, "main")).isTrue();
    assertThat(BranchFilter.startsOnPullRequest(spec, "release/2.0")).isTrue();
    assertThat(BranchFilter.startsOnPullRequest(spec, "develop")).isFalse();
    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/main")).isFalse();
  }

  @Test
  void anEmptyPullRequestObjectTakesEveryTargetAndBothCombine() {
    PipelineSpec spec = spec("{\"branches\":[\"main\"],\"pull_request\":{}}");

    assertThat(BranchFilter.startsOnPullRequest(spec, "anything")).isTrue();
    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/main")).isTrue();
    assertThat(BranchFilter.startsOnPush(spec, "refs/heads/other")).isFalse();
    assertThat(spec.pullRequests().branches()).isNull();
  }

  @Test
  void everyProblemIsNamedByItsPath() {
    assertThat(errors("{}")).extracting(SpecError::path).containsExactly("on");
    assertThat(errors("{\"pull_request\":[]}"))
        .extracting(SpecError::path)
        .containsExactly("on.pull_request");
    assertThat(errors("{\"pull_request\":{\"branches\":[]}}"))
        .extracting(SpecError::path)
        .containsExactly("on.pull_request.branches");
    assertThat(errors("{\"pull_request\":{\"branches\":[\"\"],\"types\":1}}"))
        .extracting(SpecError::path)
        .containsExactlyInAnyOrder("on.pull_request.types", "on.pull_request.branches[0]");
    assertThat(errors("{\"tags\":[\"v*\"],\"branches\":[\"main\"]}"))
        .extracting(SpecError::path)
        .containsExactly("on.tags");
  }
}
