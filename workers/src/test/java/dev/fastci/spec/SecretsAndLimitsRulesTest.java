package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.jobWith;
import static dev.fastci.spec.SpecTexts.parse;
import static dev.fastci.spec.SpecTexts.pipeline;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code secrets}, {@code memory} and {@code cpus} fields. */
class SecretsAndLimitsRulesTest {

  @Test
  void pipelineSecretsGoToEveryJobBeforeTheJobsOwn() {
    PipelineSpec spec =
        parse(
            q(
                "{'name':'p','secrets':['TOKEN','_X'],'jobs':["
                    + "{'name':'a','image':'x','command':'true','secrets':['DB_PASSWORD','TOKEN']},"
                    + "{'name':'b','image':'x','command':'true'}]}"));

    assertThat(spec.secrets()).containsExactly("TOKEN", "_X");
    assertThat(spec.jobs().get(0).secrets()).containsExactly("DB_PASSWORD", "TOKEN");
    assertThat(spec.jobs().get(0).allSecrets()).containsExactly("TOKEN", "_X", "DB_PASSWORD");
    assertThat(spec.jobs().get(1).allSecrets()).containsExactly("TOKEN", "_X");
  }

  @Test
  void secretNamesAreCheckedByPath() {
    assertThat(errors(jobWith("'secrets':['OK','lower',7,'1X','OK']")))
        .containsExactly(
            "jobs[0].secrets[1]: must be a secret name matching [A-Z_][A-Z0-9_]*",
            "jobs[0].secrets[2]: must be a secret name matching [A-Z_][A-Z0-9_]*",
            "jobs[0].secrets[3]: must be a secret name matching [A-Z_][A-Z0-9_]*",
            "jobs[0].secrets[4]: duplicate secret \"OK\"");
    assertThat(errors(jobWith("'secrets':'TOKEN'")))
        .containsExactly("jobs[0].secrets: must be a list of secret names");
    assertThat(errors(q("{'name':'p','secrets':['A-B'],'jobs':[" + SpecTexts.JOB + "]}")))
        .containsExactly("secrets[0]: must be a secret name matching [A-Z_][A-Z0-9_]*");
  }

  @Test
  void aVariableIsEitherASecretOrAnEnvValue() {
    assertThat(errors(jobWith("'env':{'TOKEN':'x'},'secrets':['TOKEN']")))
        .containsExactly("jobs[0].secrets[0]: \"TOKEN\" is also set in env");
    assertThat(
            errors(
                q(
                    "{'name':'p','secrets':['TOKEN'],'jobs':[{'name':'a','image':'x',"
                        + "'command':'true','env':{'TOKEN':'x'}}]}")))
        .containsExactly("jobs[0].env.TOKEN: \"TOKEN\" is a secret of the pipeline");
  }

  @Test
  void memoryIsADockerSize() {
    assertThat(parse(jobWith("'memory':'64m'")).jobs().get(0).memory()).isEqualTo("64m");
    assertThat(parse(jobWith("'memory':'1.5G'")).jobs().get(0).memory()).isEqualTo("1.5G");
    String format =
        "must be a size like \"512m\" or \"2g\": a number with an optional unit b, k, m or g";
    assertThat(errors(jobWith("'memory':'64 megs'"))).containsExactly("jobs[0].memory: " + format);
    assertThat(errors(jobWith("'memory':64"))).containsExactly("jobs[0].memory: " + format);
    assertThat(errors(jobWith("'memory':'-1m'"))).containsExactly("jobs[0].memory: " + format);
    assertThat(errors(jobWith("'memory':'1k'")))
        .containsExactly("jobs[0].memory: must be at least 6m (Docker's minimum)");
  }

  @Test
  void memorySizesUseBinaryUnits() {
    assertThat(MemorySize.parse("512")).isEqualTo(512);
    assertThat(MemorySize.parse("512b")).isEqualTo(512);
    assertThat(MemorySize.parse("2k")).isEqualTo(2048);
    assertThat(MemorySize.parse("64m")).isEqualTo(64L << 20);
    assertThat(MemorySize.parse("64M")).isEqualTo(64L << 20);
    assertThat(MemorySize.parse("1.5g")).isEqualTo(3L << 29);
    assertThatThrownBy(() -> MemorySize.parse("1t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemorySize.parse("99999999999999g"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cpusIsAPositiveNumber() {
    assertThat(parse(jobWith("'cpus':0.5")).jobs().get(0).cpus()).isEqualTo(0.5);
    assertThat(errors(jobWith("'cpus':0"))).containsExactly("jobs[0].cpus: must be a number > 0");
    assertThat(errors(jobWith("'cpus':'1'"))).containsExactly("jobs[0].cpus: must be a number > 0");
    assertThat(errors(jobWith("'cpus':0.001")))
        .containsExactly("jobs[0].cpus: must be at least 0.01 (Docker's minimum)");
  }

  @Test
  void newFieldsAreOptionalAndAbsentByDefault() {
    JobSpec job = parse(pipeline(SpecTexts.JOB)).jobs().get(0);

    assertThat(job.secrets()).isEmpty();
    assertThat(job.allSecrets()).isEmpty();
    assertThat(job.memory()).isNull();
    assertThat(job.cpus()).isNull();
  }

  @Test
  void specsWithTheNewFieldsSurviveJsonAsTheWorkflowCarriesThem() throws Exception {
    PipelineSpec spec =
        parse(
            q(
                "{'name':'p','secrets':['A_1'],'jobs':[{'name':'a','image':'x','command':'true',"
                    + "'secrets':['B'],'memory':'64m','cpus':0.5}]}"));
    ObjectMapper json = new ObjectMapper();

    PipelineSpec back = json.readValue(json.writeValueAsString(spec), PipelineSpec.class);
    assertThat(back).isEqualTo(spec);
    // a spec recorded before these fields existed still reads
    JobSpec old =
        json.readValue(
            "{\"name\":\"a\",\"image\":\"x\",\"command\":[\"true\"],\"volumes\":[],"
                + "\"timeoutSecs\":null,\"env\":{}}",
            JobSpec.class);
    assertThat(old.allSecrets()).isEqualTo(List.of());
    assertThat(old.memory()).isNull();
  }
}
