package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.jobWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's {@code when} and {@code retry}: parsing, errors by path, and how a condition judges. */
class ConditionAndRetryRulesTest {
  private static JobSpec job(String fields) {
    return PipelineSpecParser.parse(jobWith(fields), SpecFormat.JSON).jobs().get(0);
  }

  @Test
  void whenJudgesBranchEventAndChangedPaths() {
    Condition when =
        job("'when':{'branch':['main','release/*'],'event':['push','manual'],"
                + "'path':{'include':['src/**'],'exclude':['docs/**']},'status':'success'}")
            .when();

    assertThat(when.skipReason(new RunFacts("push", "main", List.of("src/a/B.java")))).isNull();
    assertThat(when.skipReason(new RunFacts("push", "feature/x", null)))
        .isEqualTo("when.branch: feature/x does not match main, release/*");
    assertThat(when.skipReason(new RunFacts("api", "release/1", null)))
        .isEqualTo("when.event: api is not push, manual");
    assertThat(when.skipReason(new RunFacts("push", "main", List.of("docs/x.md", "README.md"))))
        .isEqualTo("when.path: no changed file matches src/** outside docs/**");
    assertThat(when.skipReason(new RunFacts("manual", "main", null)))
        .as("no known diff: every path counts as changed")
        .isNull();
    assertThat(when.skipReason(new RunFacts("push", null, null)))
        .isEqualTo("when.branch: the run has no branch (main, release/*)");
  }

  @Test
  void statusDefaultsToSuccessAndStringsStandForOneItemLists() {
    Condition when = job("'when':{'branch':'main','status':'always'}").when();

    assertThat(when.branches()).containsExactly("main");
    assertThat(when.status()).isEqualTo(Condition.Status.ALWAYS);
    assertThat(Condition.statusOf(null)).isEqualTo(Condition.Status.SUCCESS);
  }

  @Test
  void whenProblemsAreListedByPath() {
    assertThat(errors(jobWith("'when':{'event':['push','nightly'],'status':'sometimes','on':1}")))
        .containsExactly(
            "jobs[0].when.event[1]: \"nightly\" is not an event: one of push, tag, pull_request,"
                + " manual, api, schedule",
            "jobs[0].when.status: must be success, failure or always",
            "jobs[0].when.on: unknown field");
  }

  @Test
  void retryTakesMaxOutcomesAndBackoff() {
    RetrySpec retry =
        job("'retry':{'max':3,'when':['failure:137','timeout','error'],'backoff_secs':2}").retry();

    assertThat(retry.max()).isEqualTo(3);
    assertThat(retry.on())
        .containsExactly(RetrySpec.On.ERROR, RetrySpec.On.FAILURE, RetrySpec.On.TIMEOUT);
    assertThat(retry.retries(RetrySpec.On.FAILURE, 137)).isTrue();
    assertThat(retry.retries(RetrySpec.On.FAILURE, 1)).isFalse();
    assertThat(job("'retry':{'max':2}").retry().on()).containsExactly(RetrySpec.On.ERROR);
    assertThat(job("'retry':{'max':2}").retry().backoffSecs()).isEqualTo(1);
  }

  @Test
  void retryProblemsAreListedByPath() {
    assertThat(errors(jobWith("'retry':{'max':11,'when':['flaky'],'backoff_secs':601}")))
        .containsExactly(
            "jobs[0].retry.max: must be a whole number of tries from 1 to 10",
            "jobs[0].retry.when[0]: \"flaky\" is not an outcome: error, failure, failure:N (an"
                + " exit code 1 to 255) or timeout",
            "jobs[0].retry.backoff_secs: must be a number > 0 and at most 600");
    assertThat(errors(jobWith("'retry':{'when':'error'}")))
        .containsExactly("jobs[0].retry.max: required: the total number of tries, 1 to 10");
  }
}
