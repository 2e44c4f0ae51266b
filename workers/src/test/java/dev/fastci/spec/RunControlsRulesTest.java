package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters, templates, approval gates, artifacts, concurrency, notify and schedules. */
class RunControlsRulesTest {
  private static final String DEPLOY =
      "{'name':'deploy','parameters':{'TARGET':{'default':'staging',"
          + "'choices':['staging','production'],'description':'where to deploy'}},"
          + "'concurrency':{'group':'deploy-{{ git.branch }}-{{ params.TARGET }}',"
          + "'cancel_in_progress':true},"
          + "'jobs':[{'name':'approve','approval':{'message':'Deploy {{ params.TARGET }}?',"
          + "'timeout_secs':60}},"
          + "{'name':'apply','image':'busybox:{{ pipeline.name }}',"
          + "'command':'echo {{ params.TARGET }} at {{ git.commit }}','artifacts':['dist/*.jar']}],"
          + "'parents':{'apply':['approve']}}";

  private static PipelineSpec run(String text, RunVariables variables) {
    return new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)
        .parseSpec(q(text), SpecFormat.JSON, variables);
  }

  @Test
  void parametersFillTheTemplatesAndTheEnvOfEveryJob() {
    PipelineSpec spec =
        run(
            DEPLOY,
            new RunVariables(Map.of("TARGET", "production"), "main", "abc1234", null, true));

    JobSpec apply = spec.jobs().get(1);
    assertThat(apply.command()).containsExactly("echo", "production", "at", "abc1234");
    assertThat(apply.image()).isEqualTo("busybox:deploy");
    assertThat(apply.env()).containsEntry("TARGET", "production");
    assertThat(apply.artifacts()).containsExactly("dist/*.jar");
    assertThat(spec.params()).containsEntry("TARGET", "production");
    assertThat(spec.concurrency().group()).isEqualTo("deploy-main-production");
    assertThat(spec.concurrency().cancelInProgress()).isTrue();
    JobSpec approve = spec.jobs().get(0);
    assertThat(approve.hasApproval()).isTrue();
    assertThat(approve.approval().message()).isEqualTo("Deploy production?");
    assertThat(approve.approval().timeoutSecs()).isEqualTo(60);
    assertThat(approve.command()).isEmpty();
  }

  @Test
  void aParameterNotGivenTakesItsDefaultAndAWrongOneIsNamed() {
    assertThat(run(DEPLOY, RunVariables.of(Map.of(), null)).params())
        .containsEntry("TARGET", "staging");
    assertThatThrownBy(() -> run(DEPLOY, RunVariables.of(Map.of("TARGET", "qa", "X", "1"), null)))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).errors())
                    .extracting(SpecError::toString)
                    .containsExactly(
                        "params.TARGET: \"qa\" is not one of staging, production",
                        "params.X: not a parameter of the pipeline"));
  }

  @Test
  void aParameterWithoutDefaultMustBeGivenToARunButNotToValidate() {
    String spec =
        "{'name':'p','parameters':{'V':{}},'jobs':[{'name':'a','image':'i','command':'echo"
            + " {{ params.V }}'}]}";
    assertThat(errors(q(spec))).isEmpty();
    assertThatThrownBy(() -> run(spec, RunVariables.of(Map.of(), null)))
        .hasMessageContaining("params.V: required: the parameter has no default");
  }

  @Test
  void unknownVariablesAndWrongRunControlsAreListedByPath() {
    assertThat(
            errors(
                q(
                    "{'name':'p','parameters':{'bad-name':{},'T':{'default':'x','choices':['y']}},"
                        + "'concurrency':{'group':'{{ git.tag }}','cancel':1},"
                        + "'notify':[{'webhook':'ftp://x','on':['sometimes'],'secret_header':'x'}],"
                        + "'on':{'schedule':[{'cron':'61 * * * *'},{'cron':'* * *'}]},"
                        + "'jobs':[{'name':'a','image':'i','command':'echo {{ params.NOPE }}',"
                        + "'artifacts':['/etc/passwd','../x','']},"
                        + "{'name':'gate','approval':{'message':''},'image':'i'}]}")))
        .containsExactly(
            "parameters.bad-name: must be a variable name matching [A-Za-z_][A-Za-z0-9_]*",
            "parameters.T.default: \"x\" is not one of y",
            "concurrency.group: {{ git.tag }} is not a git variable: branch, commit, base_branch",
            "concurrency.cancel: unknown field",
            "notify[0].webhook: must be an http or https URL",
            "notify[0].on[0]: \"sometimes\" is not one of failure, success, fixed, always",
            "notify[0].secret_header: must be a secret name matching [A-Z_][A-Z0-9_]*",
            "on.schedule[0].cron: minute: 61 is not a value from 0 to 59",
            "on.schedule[1].cron: must have five fields (minute hour day-of-month month"
                + " day-of-week) or be a macro such as @daily, got 3",
            "jobs[0].command: {{ params.NOPE }} is not a parameter of the pipeline",
            "jobs[0].artifacts[0]: must be relative to the working dir, not absolute",
            "jobs[0].artifacts[1]: may not leave the working dir (..)",
            "jobs[0].artifacts[2]: must be a non-empty glob",
            "jobs[1].image: not allowed with approval: an approval job runs no container",
            "jobs[1].approval.message: must be a non-empty string");
  }

  @Test
  void aPipelineWithOnlySchedulesStartsOnNoPush() {
    PipelineSpec spec =
        PipelineSpecParser.parse(
            q(
                "{'name':'nightly','on':{'schedule':[{'cron':'@daily','branch':'main'}]},"
                    + "'jobs':[{'name':'a','image':'i','command':'true'}]}"),
            SpecFormat.JSON);

    assertThat(spec.schedules()).containsExactly(new ScheduleSpec("@daily", "main"));
    assertThat(BranchFilter.matches(spec.branches(), "refs/heads/main")).isFalse();
  }

  @Test
  void cronFindsTheNextMatchingMinute() {
    ZonedDateTime after = ZonedDateTime.parse("2026-11-27T18:30:10Z");

    assertThat(Cron.parse("0 3 * * *").next(after)).isEqualTo("2026-11-28T03:00Z");
    assertThat(Cron.parse("*/15 * * * *").next(after)).isEqualTo("2026-11-27T18:45Z");
    assertThat(Cron.parse("0 9 * * mon-fri").next(after)).isEqualTo("2026-11-30T09:00Z");
    assertThat(Cron.parse("@hourly").next(after)).isEqualTo("2026-11-27T19:00Z");
    assertThat(List.of(Cron.parse("0 0 1 jan *").next(after)))
        .containsExactly(ZonedDateTime.parse("2027-01-01T00:00Z"));
  }
}
