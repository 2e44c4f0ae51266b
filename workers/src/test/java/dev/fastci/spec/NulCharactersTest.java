package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.jobWith;
import static dev.fastci.spec.SpecTexts.pipeline;
import static dev.fastci.spec.SpecTexts.pipelineWith;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A NUL character ({@code \u0000}) anywhere in a string or a key makes the spec invalid. */
class NulCharactersTest {
  private static final String NUL = "\\u0000"; // the JSON escape

  @Test
  void nulInThePipelineNameIsRejected() {
    assertThat(errors(q("{'name':'p" + NUL + "q','jobs':[" + SpecTexts.JOB + "]}")))
        .containsExactly("name: " + NulCharacters.MESSAGE);
  }

  @Test
  void nulInACommandWordIsRejectedAtThatWord() {
    String text = pipeline("{'name':'a','image':'busybox','command':['echo','a" + NUL + "']}");
    assertThat(errors(text)).containsExactly("jobs[0].command[1]: " + NulCharacters.MESSAGE);
  }

  @Test
  void nulInAnImageOrEnvValueIsRejected() {
    String text =
        pipeline(
            "{'name':'a','image':'busy" + NUL + "','command':'true','env':{'A':'x" + NUL + "'}}");
    assertThat(errors(text))
        .containsExactly(
            "jobs[0].image: " + NulCharacters.MESSAGE, "jobs[0].env.A: " + NulCharacters.MESSAGE);
  }

  @Test
  void nulInAKeyIsRejectedAtTheQuotedKey() {
    assertThat(errors(jobWith("'env':{'A" + NUL + "':'x'}")))
        .contains("jobs[0].env[\"A\\u0000\"]: " + NulCharacters.MESSAGE);
  }

  @Test
  void nulInYamlEscapesIsRejectedToo() {
    String yaml = "name: \"p\\0q\"\njobs:\n  - {name: a, image: busybox, command: 'true'}\n";
    assertThat(PipelineSpecParser.validate(yaml, SpecFormat.YAML))
        .extracting(SpecError::path)
        .containsExactly("name");
  }

  @Test
  void nulInTheRepoUrlIsRejected() {
    assertThat(errors(pipelineWith("'repo_url':'/srv/a" + NUL + "','commit_hash':'abcdef0'")))
        .containsExactly("repo_url: " + NulCharacters.MESSAGE);
  }
}
