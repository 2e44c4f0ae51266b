package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.pipeline;
import static dev.fastci.spec.SpecTexts.pipelineWith;
import static dev.fastci.spec.SpecTexts.q;
import static dev.fastci.spec.SpecTexts.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSpecParserTest {

  @Test
  void readmeExampleWithAllFieldsParses() {
    PipelineSpec spec =
        PipelineSpecParser.parse(resource("readme-all-fields.json"), SpecFormat.JSON);

    assertThat(spec.name()).isEqualTo("build-and-test");
    assertThat(spec.jobs())
        .extracting(JobSpec::name)
        .containsExactly("build", "unit-tests", "lint", "package");
    JobSpec build = spec.jobs().get(0);
    assertThat(build.command()).containsExactly("make", "-C", "/fastci/pipeline", "all");
    assertThat(build.volumes())
        .containsExactly("/srv/ccache:/root/.ccache", "toolchain:/opt/toolchain:ro");
    assertThat(build.timeoutSecs()).isEqualTo(600.0);
    assertThat(spec.jobs().get(1).command())
        .containsExactly("sh", "-c", "make test && echo 'all passed'");
    assertThat(spec.jobs().get(2).command()).containsExactly("echo", "Hello, world!");
    assertThat(spec.jobs().get(2).timeoutSecs()).isNull();
    assertThat(spec.parents())
        .isEqualTo(
            Map.of("unit-tests", List.of("build"), "package", List.of("unit-tests", "lint")));
    assertThat(spec.bindWorkdirFromHost()).isEqualTo("/srv/fastci/workdir");
    assertThat(spec.setupPipelineDir()).isTrue();
    assertThat(spec.repoUrl()).isEqualTo("https://example.com/team/project.git");
    assertThat(spec.commitHash()).isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
  }

  @Test
  void yamlEquivalentOfAJsonSpecGivesAnEqualSpec() {
    PipelineSpec json =
        PipelineSpecParser.parse(resource("readme-all-fields.json"), SpecFormat.JSON);
    PipelineSpec yaml =
        PipelineSpecParser.parse(resource("readme-all-fields.yaml"), SpecFormat.YAML);

    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void autoFormatDetectsJsonAndYaml() {
    assertThat(PipelineSpecParser.parse(resource("readme-all-fields.yaml"), SpecFormat.AUTO))
        .isEqualTo(PipelineSpecParser.parse(resource("readme-all-fields.json"), SpecFormat.AUTO));
  }

  @Test
  void minimalSpecHasDefaults() {
    PipelineSpec spec = PipelineSpecParser.parse(pipeline(SpecTexts.JOB), SpecFormat.JSON);

    assertThat(spec.parents()).isEmpty();
    assertThat(spec.bindWorkdirFromHost()).isNull();
    assertThat(spec.setupPipelineDir()).isFalse();
    assertThat(spec.repoUrl()).isNull();
    assertThat(spec.jobs().get(0).env()).isEmpty();
  }

  @Test
  void invalidSpecThrowsWithEveryError() {
    assertThatThrownBy(() -> PipelineSpecParser.parse(q("{'jobs':[1]}"), SpecFormat.JSON))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).hasSize(2))
        .hasMessage("jobs[0]: must be an object; name: required");
  }

  @Test
  void multipleErrorsAreReportedAtOnceInDocumentOrder() {
    String text =
        q(
            "{'jobs':[{'name':'a b','image':'x','command':'true','timeout_secs':0},7],"
                + "'bind_workdir_from_host':'rel','colour':'red','repo_url':'/r'}");

    assertThat(errors(text))
        .containsExactly(
            "jobs[0].name: must be a string of 1 to 100 characters from A-Z a-z 0-9 . _ -",
            "jobs[0].timeout_secs: must be a number > 0",
            "jobs[1]: must be an object",
            "bind_workdir_from_host: must be an absolute path",
            "colour: unknown field",
            "name: required",
            "commit_hash: required with repo_url");
  }

  @Test
  void malformedJsonIsOneErrorWithLineAndColumn() {
    List<String> errors = errors("{\n  \"name\": \"p\",\n  \"jobs\": [}\n}");

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith("$: Unexpected close marker '}'")
        .endsWith("(line 3, column 12)");
  }

  @Test
  void malformedYamlIsOneErrorWithLineAndColumn() {
    List<String> errors =
        PipelineSpecParser.validate("name: p\njobs: [a, b\n", SpecFormat.YAML).stream()
            .map(SpecError::toString)
            .toList();

    assertThat(errors)
        .containsExactly(
            "$: while parsing a flow sequence: expected ',' or ']', but got <stream end>"
                + " (line 3, column 1)");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(errors(q("{'name':'p','name':'q'}")))
        .singleElement()
        .asString()
        .startsWith("$: Duplicate field 'name'");
  }

  @Test
  void contentAfterTheDocumentIsRejected() {
    assertThat(errors(pipeline(SpecTexts.JOB) + " {}"))
        .singleElement()
        .asString()
        .isEqualTo("$: more content after the end of the spec (line 1, column 71)");
  }

  @Test
  void secondYamlDocumentIsRejected() {
    assertThat(PipelineSpecParser.validate("name: p\n---\nname: q\n", SpecFormat.YAML))
        .containsExactly(
            new SpecError("$", "more content after the end of the spec (line 3, column 1)"));
  }

  @Test
  void rootThatIsNotAnObjectIsRejected() {
    assertThat(errors("[1, 2]")).containsExactly("$: must be an object");
    assertThat(errors("just text")).containsExactly("$: must be an object");
    assertThat(errors("")).containsExactly("$: must be an object");
  }

  @Test
  void deepNestingIsAnErrorNotACrash() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String json = q("{'name':'p','jobs':") + deep + "}";
    String yaml = "name: p\njobs: " + deep + "\n";

    assertThat(errors(json)).singleElement().asString().startsWith("$: Document nesting depth");
    assertThat(PipelineSpecParser.validate(yaml, SpecFormat.YAML))
        .singleElement()
        .extracting(SpecError::path)
        .isEqualTo("$");
  }

  @Test
  void tooLongTextIsRefused() {
    String text = pipeline(SpecTexts.JOB) + " ".repeat(PipelineSpecParser.MAX_SPEC_CHARS);

    assertThat(errors(text)).singleElement().asString().startsWith("$: spec is too long");
  }

  @Test
  void moreJobsThanTheDefaultLimitAreRejected() {
    String job = "{'name':'j','image':'busybox','command':'true'}";
    String text = pipeline(Collections.nCopies(1001, job).toArray(String[]::new));

    assertThat(errors(text)).containsExactly("jobs: at most 1000 jobs are allowed, got 1001");
  }

  @Test
  void maxJobsIsConfigurable() {
    PipelineSpecParser parser = new PipelineSpecParser(1);
    String text = pipeline(SpecTexts.JOB, "{'name':'b','image':'busybox','command':'true'}");

    assertThat(parser.validateSpec(text, SpecFormat.JSON))
        .containsExactly(new SpecError("jobs", "at most 1 jobs are allowed, got 2"));
    assertThatThrownBy(() -> parser.parseSpec(text, SpecFormat.JSON))
        .isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void nameIsRequiredAndLimitedTo200Characters() {
    assertThat(errors(q("{'jobs':[" + SpecTexts.JOB + "]}"))).containsExactly("name: required");
    assertThat(errors(q("{'name':'','jobs':[" + SpecTexts.JOB + "]}")))
        .containsExactly("name: must be a string of 1 to 200 characters");
    assertThat(errors(q("{'name':'" + "n".repeat(201) + "','jobs':[" + SpecTexts.JOB + "]}")))
        .containsExactly("name: must be a string of 1 to 200 characters");
    assertThat(errors(q("{'name':5,'jobs':[" + SpecTexts.JOB + "]}")))
        .containsExactly("name: must be a string of 1 to 200 characters");
  }

  @Test
  void jobsMustBeANonEmptyListOfObjects() {
    assertThat(errors(q("{'name':'p'}"))).containsExactly("jobs: required");
    assertThat(errors(q("{'name':'p','jobs':{}}")))
        .containsExactly("jobs: must be a non-empty list");
    assertThat(errors(pipeline(SpecTexts.JOB, "'b'")))
        .containsExactly("jobs[1]: must be an object");
  }

  @Test
  void unknownPipelineFieldIsRejected() {
    assertThat(errors(pipelineWith("'setup_pipline_dir':true")))
        .containsExactly("setup_pipline_dir: unknown field");
  }

  @Test
  void workdirMustBeAnAbsolutePath() {
    assertThat(errors(pipelineWith("'bind_workdir_from_host':'work'")))
        .containsExactly("bind_workdir_from_host: must be an absolute path");
    assertThat(errors(pipelineWith("'bind_workdir_from_host':1")))
        .containsExactly("bind_workdir_from_host: must be an absolute path");
  }

  @Test
  void setupPipelineDirMustBeABoolean() {
    assertThat(errors(pipelineWith("'setup_pipeline_dir':'yes'")))
        .containsExactly("setup_pipeline_dir: must be true or false");
  }

  @Test
  void repoUrlAndCommitHashGoTogether() {
    assertThat(errors(pipelineWith("'repo_url':'/srv/repo'")))
        .containsExactly("commit_hash: required with repo_url");
    assertThat(errors(pipelineWith("'commit_hash':'abcdef1'")))
        .containsExactly("repo_url: required with commit_hash");
  }

  @Test
  void commitHashMustBe7To40HexDigits() {
    for (String bad : List.of("abcdef", "main", "g".repeat(7), "a".repeat(41))) {
      assertThat(errors(pipelineWith("'repo_url':'/r','commit_hash':'" + bad + "'")))
          .containsExactly("commit_hash: must be a commit id of 7 to 40 hex digits");
    }
    assertThat(errors(pipelineWith("'repo_url':'/r','commit_hash':'ABCdef0'"))).isEmpty();
  }

  @Test
  void repoUrlMustBeANonEmptyString() {
    assertThat(errors(pipelineWith("'repo_url':'','commit_hash':'abcdef1'")))
        .containsExactly("repo_url: must be a non-empty string");
  }

  @Test
  void nullOptionalFieldsAreAbsent() {
    String text = pipelineWith("'parents':null,'bind_workdir_from_host':null,'repo_url':null");

    assertThat(PipelineSpecParser.parse(text, SpecFormat.JSON).repoUrl()).isNull();
  }
}
