package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.resource;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The invalid specs of the original FastCI examples are still rejected, now with a path. */
class OriginalInvalidSpecsTest {

  @Test
  void duplicateJobNamesAreRejectedWithThePath() {
    assertThat(errors(resource("original-duplicate-job-names.json")))
        .containsExactly("jobs[1].name: duplicate job name \"writer\"");
  }

  @Test
  void jobThatIsNotAnObjectIsRejected() {
    assertThat(errors(resource("original-job-not-an-object.json")))
        .containsExactly("jobs[1]: must be an object");
  }

  @Test
  void missingJobFieldIsReported() {
    assertThat(errors(resource("original-missing-field.json")))
        .containsExactly("jobs[0].image: required");
  }

  @Test
  void timeoutThatIsNotANumberIsRejected() {
    assertThat(errors(resource("original-timeout-not-a-number.json")))
        .containsExactly("jobs[0].timeout_secs: must be a number > 0");
  }

  @Test
  void relativeWorkdirIsRejected() {
    assertThat(errors(resource("original-relative-workdir.json")))
        .containsExactly("bind_workdir_from_host: must be an absolute path");
  }

  @Test
  void emptyJobListIsRejected() {
    assertThat(errors(resource("original-missing-jobs.json")))
        .containsExactly("jobs: must be a non-empty list");
  }
}
