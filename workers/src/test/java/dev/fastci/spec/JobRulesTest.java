package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.jobWith;
import static dev.fastci.spec.SpecTexts.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRulesTest {

  private static JobSpec onlyJob(String text) {
    return PipelineSpecParser.parse(text, SpecFormat.AUTO).jobs().get(0);
  }

  @Test
  void missingRequiredJobFieldsAreEachReported() {
    assertThat(errors(pipeline("{}")))
        .containsExactly(
            "jobs[0].name: required", "jobs[0].image: required", "jobs[0].command: required");
  }

  @Test
  void jobNameMustUseSafeCharacters() {
    assertThat(errors(pipeline("{'name':'a/b','image':'x','command':'true'}")))
        .containsExactly(
            "jobs[0].name: must be a string of 1 to 100 characters from A-Z a-z 0-9 . _ -");
    assertThat(onlyJob(pipeline("{'name':'Build_1.x-y','image':'x','command':'true'}")).name())
        .isEqualTo("Build_1.x-y");
  }

  @Test
  void duplicateJobNameIsReportedAtTheLaterJob() {
    String text =
        pipeline(SpecTexts.JOB, "{'name':'b','image':'x','command':'true'}", SpecTexts.JOB);

    assertThat(errors(text)).containsExactly("jobs[2].name: duplicate job name \"a\"");
  }

  @Test
  void imageMustBeNonEmptyWithoutWhitespace() {
    assertThat(errors(pipeline("{'name':'a','image':'bad image','command':'true'}")))
        .containsExactly("jobs[0].image: must be a non-empty image name without whitespace");
    assertThat(errors(pipeline("{'name':'a','image':'','command':'true'}")))
        .containsExactly("jobs[0].image: must be a non-empty image name without whitespace");
  }

  @Test
  void stringCommandIsSplitIntoArgv() {
    String yaml = "name: p\njobs:\n  - {name: a, image: x, command: sh -c 'echo \"hi there\"'}\n";

    assertThat(onlyJob(yaml).command()).containsExactly("sh", "-c", "echo \"hi there\"");
  }

  @Test
  void listCommandIsUsedAsIs() {
    assertThat(onlyJob(pipeline("{'name':'a','image':'x','command':['echo','a  b','']}")).command())
        .containsExactly("echo", "a  b", "");
  }

  @Test
  void commandErrorsAreReportedAtTheCommand() {
    assertThat(errors(pipeline("{'name':'a','image':'x','command':'echo \\'oops'}")))
        .containsExactly("jobs[0].command: unterminated double quote");
    assertThat(errors(pipeline("{'name':'a','image':'x','command':'  '}")))
        .containsExactly("jobs[0].command: must contain at least one word");
    assertThat(errors(pipeline("{'name':'a','image':'x','command':[]}")))
        .containsExactly("jobs[0].command: must be a non-empty list of strings");
    assertThat(errors(pipeline("{'name':'a','image':'x','command':['a','b',3]}")))
        .containsExactly("jobs[0].command[2]: must be a string");
    assertThat(errors(pipeline("{'name':'a','image':'x','command':3}")))
        .containsExactly("jobs[0].command: must be a string or a non-empty list of strings");
  }

  @Test
  void volumesAcceptHostPathsAndVolumeNamesWithAMode() {
    String text = jobWith("'volumes':['/data:/data','cache_1:/cache:ro','/a:/b:rw']");

    assertThat(onlyJob(text).volumes())
        .containsExactly("/data:/data", "cache_1:/cache:ro", "/a:/b:rw");
  }

  @Test
  void malformedVolumesAreReportedByIndex() {
    assertThat(errors(jobWith("'volumes':['/a','rel/dir:/x','/a:rel','/a:/b:rx',5]")))
        .containsExactly(
            "jobs[0].volumes[0]: must be host:container or host:container:ro|rw",
            "jobs[0].volumes[1]: host part must be an absolute path or a volume name",
            "jobs[0].volumes[2]: container part must be an absolute path",
            "jobs[0].volumes[3]: mode must be ro or rw",
            "jobs[0].volumes[4]: must be a string");
    assertThat(errors(jobWith("'volumes':'/a:/b'")))
        .containsExactly("jobs[0].volumes: must be a list of strings");
  }

  @Test
  void timeoutMustBeAPositiveNumber() {
    assertThat(onlyJob(jobWith("'timeout_secs':10.5")).timeoutSecs()).isEqualTo(10.5);
    for (String bad : new String[] {"0", "-1", "'10'", "true", "1e999"}) {
      assertThat(errors(jobWith("'timeout_secs':" + bad)))
          .containsExactly("jobs[0].timeout_secs: must be a number > 0");
    }
  }

  @Test
  void nullTimeoutMeansNoTimeout() {
    assertThat(onlyJob(jobWith("'timeout_secs':null")).timeoutSecs()).isNull();
  }

  @Test
  void envValuesAreConvertedToText() {
    JobSpec job = onlyJob(jobWith("'env':{'A':'x','_B2':3,'C':true,'D':1.5}"));

    assertThat(job.env()).isEqualTo(Map.of("A", "x", "_B2", "3", "C", "true", "D", "1.5"));
  }

  @Test
  void badEnvKeysAndValuesAreReportedPerKey() {
    assertThat(errors(jobWith("'env':{'1X':'a','OK':null,'L':[1],'bad key':'v'}")))
        .containsExactly(
            "jobs[0].env.1X: must be a variable name matching [A-Za-z_][A-Za-z0-9_]*",
            "jobs[0].env.OK: must be a string, number or boolean",
            "jobs[0].env.L: must be a string, number or boolean",
            "jobs[0].env[\"bad key\"]: must be a variable name matching [A-Za-z_][A-Za-z0-9_]*");
    assertThat(errors(jobWith("'env':['A=1']"))).containsExactly("jobs[0].env: must be an object");
  }

  @Test
  void unknownJobFieldIsRejected() {
    assertThat(errors(jobWith("'timeout':10"))).containsExactly("jobs[0].timeout: unknown field");
  }

  @Test
  void yamlJobWithEmptyRequiredValueReportsRequired() {
    String yaml = "name: p\njobs:\n  - name: a\n    image:\n    command: 'true'\n";

    assertThat(PipelineSpecParser.validate(yaml, SpecFormat.YAML))
        .containsExactly(new SpecError("jobs[0].image", "required"));
  }
}
