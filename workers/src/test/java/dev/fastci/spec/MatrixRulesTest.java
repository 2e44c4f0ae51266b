package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code matrix}: expansion into instances, their names, values and parents; errors by path. */
class MatrixRulesTest {
  private static final String TEST =
      "{'name':'test','image':'busybox:{{ matrix.tag }}','command':'echo jdk {{ matrix.jdk }} on"
          + " {{matrix.os}}','matrix':{'jdk':['17',21],'os':['a','b'],'tag':['latest'],"
          + "'include':[{'jdk':'25','os':'a','tag':'latest'}],'exclude':[{'jdk':'17','os':'b'}]}}";

  private static PipelineSpec parse(String text) {
    return PipelineSpecParser.parse(q(text), SpecFormat.JSON);
  }

  @Test
  void aMatrixJobExpandsIntoTheCrossProductMinusExcludePlusInclude() {
    PipelineSpec spec = parse("{'name':'p','jobs':[" + TEST + "]}");

    assertThat(spec.jobs())
        .extracting(JobSpec::name)
        .containsExactly(
            "test.jdk-17.os-a.tag-latest",
            "test.jdk-21.os-a.tag-latest",
            "test.jdk-21.os-b.tag-latest",
            "test.jdk-25.os-a.tag-latest");
    JobSpec first = spec.jobs().get(0);
    assertThat(first.displayName()).isEqualTo("test (jdk=17, os=a, tag=latest)");
    assertThat(first.command()).containsExactly("echo", "jdk", "17", "on", "a");
    assertThat(first.image()).isEqualTo("busybox:latest");
    assertThat(first.env()).containsEntry("MATRIX_JDK", "17").containsEntry("MATRIX_OS", "a");
    assertThat(first.matrix().group()).isEqualTo("test");
    assertThat(first.matrix().values())
        .containsExactly(Map.entry("jdk", "17"), Map.entry("os", "a"), Map.entry("tag", "latest"));
  }

  @Test
  void aParentReferenceToAMatrixJobMeansEveryInstanceAndItsOwnParentsApplyToEach() {
    PipelineSpec spec =
        parse(
            "{'name':'p','jobs':[{'name':'build','image':'i','command':'true'},"
                + "{'name':'t','image':'i','command':'true','matrix':{'v':[1,2]}},"
                + "{'name':'report','image':'i','command':'true'}],"
                + "'parents':{'t':['build'],'report':['t']}}");

    assertThat(spec.parentsOf("t.v-1")).containsExactly("build");
    assertThat(spec.parentsOf("t.v-2")).containsExactly("build");
    assertThat(spec.parentsOf("report")).containsExactly("t.v-1", "t.v-2");
  }

  @Test
  void unsafeCharactersInValuesBecomeUnderscoresAndLongNamesUseTheIndex() {
    PipelineSpec spec =
        parse(
            "{'name':'p','jobs':[{'name':'t','image':'i','command':'true','matrix':"
                + "{'os':['ubuntu 22.04/x', '"
                + "y".repeat(120)
                + "']}}]}");

    assertThat(spec.jobs()).extracting(JobSpec::name).containsExactly("t.os-ubuntu_22.04_x", "t.2");
  }

  @Test
  void placeholdersOutsideTheMatrixNamespaceStayAsTheyAre() {
    PipelineSpec spec =
        parse(
            "{'name':'p','jobs':[{'name':'a','image':'i',"
                + "'command':['docker','inspect','-f','{{ .Id }}','x']}]}");

    assertThat(spec.jobs().get(0).command()).contains("{{ .Id }}");
  }

  @Test
  void errorsNameTheFieldAndTheKey() {
    assertThat(
            errors(
                q(
                    "{'name':'p','jobs':[{'name':'a','image':'i','command':'true'},"
                        + "{'name':'b','image':'i','command':'true'},"
                        + "{'name':'t','image':'i','command':'echo {{ matrix.arch }}',"
                        + "'matrix':{'jdk':[],'os':['a',{}],'exclude':[{'arch':'x'}]}}]}")))
        .containsExactly(
            "jobs[2].matrix.jdk: must be a non-empty list of strings or numbers",
            "jobs[2].matrix.os[1]: must be a string or a number",
            "jobs[2].matrix.exclude[0].arch: not a matrix key",
            "jobs[2].command: {{ matrix.arch }} is not a matrix key");
    assertThat(
            errors(
                q(
                    "{'name':'p','jobs':[{'name':'a','image':'i','command':'echo {{ matrix.x }}'}]}")))
        .containsExactly(
            "jobs[0].command: {{ matrix.x }} is not a matrix key (the job has no matrix)");
  }

  @Test
  void aJobOfMoreThan256InstancesIsRefused() {
    String values =
        String.join(
            ",", java.util.stream.IntStream.range(0, 17).mapToObj(Integer::toString).toList());
    assertThat(
            errors(
                q(
                    "{'name':'p','jobs':[{'name':'t','image':'i','command':'true','matrix':{'a':["
                        + values
                        + "],'b':["
                        + values
                        + "]}}]}")))
        .containsExactly("jobs[0].matrix: 289 combinations, at most 256");
  }

  @Test
  void anErrorEveryInstanceSharesIsReportedOnce() {
    assertThat(
            errors(
                q(
                    "{'name':'p','jobs':[{'name':'t','image':'i','command':'true','timeout_secs':-1,"
                        + "'matrix':{'v':[1,2,3]}}]}")))
        .isEqualTo(List.of("jobs[0].timeout_secs: must be a number > 0"));
  }
}
