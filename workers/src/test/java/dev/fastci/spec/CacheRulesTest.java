package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.jobWith;
import static dev.fastci.spec.SpecTexts.parse;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code platform}, {@code caches}, {@code cache} and {@code outputs} job fields. */
class CacheRulesTest {

  @Test
  void allFieldsAreReadIntoTheJob() {
    JobSpec job =
        parse(
                q(
                    "{'name':'p','setup_pipeline_dir':true,'jobs':[{'name':'a','image':'x',"
                        + "'command':'true','platform':'linux/arm64/v8','cache':true,"
                        + "'outputs':['dist','out/app.bin'],'caches':[{'key':"
                        + "'deps-{{ hash \\'pom.xml\\' }}','path':'/root/.m2',"
                        + "'restore_keys':['deps-']}]}]}"))
            .jobs()
            .get(0);

    assertThat(job.platform()).isEqualTo("linux/arm64/v8");
    assertThat(job.memoize()).isTrue();
    assertThat(job.outputs()).containsExactly("dist", "out/app.bin");
    assertThat(job.caches())
        .containsExactly(
            new CacheSpec("deps-{{ hash \"pom.xml\" }}", "/root/.m2", java.util.List.of("deps-")));
  }

  @Test
  void platformMustBeOsSlashArch() {
    assertThat(errors(jobWith("'platform':'arm64'")))
        .containsExactly("jobs[0].platform: must be os/arch[/variant], e.g. \"linux/arm64\"");
    assertThat(errors(jobWith("'platform':7")))
        .containsExactly("jobs[0].platform: must be os/arch[/variant], e.g. \"linux/arm64\"");
  }

  @Test
  void cacheProblemsAreReportedByPath() {
    assertThat(
            errors(
                jobWith(
                    "'caches':[{'path':'/a'},{'key':'k','path':'rel'},{'key':'k{{ date }}',"
                        + "'path':'/b','restore_keys':[''],'ttl':1},"
                        + "{'key':'k/x','path':'/'},{'key':'{{ hash \\'../x\\' }}','path':'/a'},7]")))
        .containsExactly(
            "jobs[0].caches[0].key: required",
            "jobs[0].caches[1].path: must be an absolute container path other than /, without : or ..",
            "jobs[0].caches[2].ttl: unknown field",
            "jobs[0].caches[2].key: only {{ hash 'glob' }} placeholders are supported, got"
                + " \"k{{ date }}\"",
            "jobs[0].caches[2].restore_keys[0]: must be a non-empty key prefix",
            "jobs[0].caches[3].key: literal text may use only A-Z a-z 0-9 . _ + -, got \"k/x\"",
            "jobs[0].caches[3].path: must be an absolute container path other than /, without : or ..",
            "jobs[0].caches[4].key: hash \"../x\" must be a relative glob without ..",
            "jobs[0].caches[5]: must be an object with key and path");
    assertThat(errors(jobWith("'caches':[{'key':'a','path':'/x'},{'key':'b','path':'/x'}]")))
        .containsExactly("jobs[0].caches[1].path: duplicate cache path");
    assertThat(errors(jobWith("'caches':{}")))
        .containsExactly("jobs[0].caches: must be a list of {key, path, restore_keys} objects");
  }

  @Test
  void memoizationFieldsAreChecked() {
    assertThat(errors(jobWith("'cache':'yes'")))
        .containsExactly("jobs[0].cache: must be true or false");
    assertThat(errors(jobWith("'outputs':['dist']")))
        .containsExactly(
            "jobs[0].outputs: only with \"cache\": true",
            "jobs[0].outputs: needs a pipeline dir: set setup_pipeline_dir or repo_url");
    assertThat(
            errors(
                q(
                    "{'name':'p','setup_pipeline_dir':true,'jobs':[{'name':'a','image':'x',"
                        + "'command':'true','cache':true,'outputs':['/abs','../up','ok','ok',3]}]}")))
        .containsExactly(
            "jobs[0].outputs[0]: must be a non-empty path relative to the pipeline dir, without ..",
            "jobs[0].outputs[1]: must be a non-empty path relative to the pipeline dir, without ..",
            "jobs[0].outputs[3]: duplicate output \"ok\"",
            "jobs[0].outputs[4]: must be a non-empty path relative to the pipeline dir, without ..");
  }
}
