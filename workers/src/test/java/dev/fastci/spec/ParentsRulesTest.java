package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParentsRulesTest {

  /** A pipeline of jobs a, b, c, d with the given parents object, written with single quotes. */
  private static String withParents(String parents) {
    StringBuilder jobs = new StringBuilder();
    for (String name : List.of("a", "b", "c", "d")) {
      jobs.append(jobs.length() == 0 ? "" : ",")
          .append("{'name':'")
          .append(name)
          .append("','image':'x','command':'true'}");
    }
    return q("{'name':'p','jobs':[" + jobs + "],'parents':" + parents + "}");
  }

  @Test
  void parentsKeepInputOrderAndDropDuplicates() {
    PipelineSpec spec =
        PipelineSpecParser.parse(
            withParents("{'d':['c','a','c'],'b':['a'],'c':[]}"), SpecFormat.JSON);

    assertThat(spec.parents()).isEqualTo(Map.of("d", List.of("c", "a"), "b", List.of("a")));
    assertThat(spec.parentsOf("a")).isEmpty();
  }

  @Test
  void unknownChildIsRejected() {
    assertThat(errors(withParents("{'x':['a']}"))).containsExactly("parents.x: unknown job \"x\"");
  }

  @Test
  void unknownParentIsRejected() {
    assertThat(errors(withParents("{'b':['a','x']}")))
        .containsExactly("parents.b: unknown job \"x\"");
  }

  @Test
  void parentsMustBeListsOfJobNames() {
    assertThat(errors(withParents("{'b':'a'}")))
        .containsExactly("parents.b: must be a list of job names");
    assertThat(errors(withParents("{'b':['a',1]}")))
        .containsExactly("parents.b: must be a list of job names");
    assertThat(errors(withParents("['a']"))).containsExactly("parents: must be an object");
  }

  @Test
  void selfEdgeIsRejected() {
    assertThat(errors(withParents("{'a':['a']}")))
        .containsExactly("parents.a: a job cannot be its own parent");
  }

  @Test
  void twoJobCycleIsReportedAsAPath() {
    assertThat(errors(withParents("{'a':['b'],'b':['a']}")))
        .containsExactly("parents: cycle a -> b -> a");
  }

  @Test
  void threeJobCycleIsReportedInRunOrderFromTheFirstListedJob() {
    // c waits for b, b waits for a, a waits for c: a runs before b runs before c runs before a.
    assertThat(errors(withParents("{'c':['b'],'a':['c'],'b':['a'],'d':['c']}")))
        .containsExactly("parents: cycle a -> b -> c -> a");
  }

  @Test
  void cycleIsNotCheckedWhenEdgesAreInvalid() {
    assertThat(errors(withParents("{'a':['b'],'b':['a','x']}")))
        .containsExactly("parents.b: unknown job \"x\"");
  }

  @Test
  void longChainIsNotACycle() {
    StringBuilder jobs = new StringBuilder();
    StringBuilder parents = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      jobs.append(i == 0 ? "" : ",")
          .append("{'name':'j")
          .append(i)
          .append("','image':'x','command':'true'}");
      if (i > 0) {
        parents
            .append(i == 1 ? "" : ",")
            .append("'j")
            .append(i)
            .append("':['j")
            .append(i - 1)
            .append("']");
      }
    }
    String text = q("{'name':'p','jobs':[" + jobs + "],'parents':{" + parents + "}}");

    assertThat(PipelineSpecParser.parse(text, SpecFormat.JSON).parentsOf("j999"))
        .containsExactly("j998");
  }
}
