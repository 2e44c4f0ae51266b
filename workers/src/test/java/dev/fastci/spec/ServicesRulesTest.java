package dev.fastci.spec;

import static dev.fastci.spec.SpecTexts.errors;
import static dev.fastci.spec.SpecTexts.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pipeline's {@code services} and a job's {@code services}. */
class ServicesRulesTest {

  @Test
  void aServiceWithReadinessIsParsedAndAJobNamesIt() {
    PipelineSpec spec =
        PipelineSpecParser.parse(
            q(
                "{'name':'p','services':[{'name':'db','image':'fastci/postgres:15',"
                    + "'env':{'POSTGRES_PASSWORD':'ci'},'ready':{'tcp':5432,'timeout_secs':30}},"
                    + "{'name':'web','image':'busybox:latest','command':'httpd -f -p 8080',"
                    + "'ready':{'command':['wget','-q','http://127.0.0.1:8080/']}}],"
                    + "'jobs':[{'name':'a','image':'i','command':'true','services':['db']}]}"),
            SpecFormat.JSON);

    ServiceSpec db = spec.service("db");
    assertThat(db.ready().tcp()).isEqualTo(5432);
    assertThat(db.readyTimeoutSecs()).isEqualTo(30);
    assertThat(db.command()).as("the image's own command").isNull();
    assertThat(spec.service("web").command()).containsExactly("httpd", "-f", "-p", "8080");
    assertThat(spec.service("web").readyTimeoutSecs()).isEqualTo(60);
    assertThat(spec.jobs().get(0).services()).containsExactly("db");
  }

  @Test
  void problemsAreListedByPath() {
    assertThat(
            errors(
                q(
                    "{'name':'p','services':[{'name':'DB','image':'x','volumes':['/etc:/etc']},"
                        + "{'image':'x','ready':{'tcp':70000,'command':'true','http':1}},"
                        + "{'name':'a','image':'x'}],"
                        + "'jobs':[{'name':'a','image':'i','command':'true','services':['db','nope']}]}")))
        .containsExactly(
            "services[0].name: must be a host name: 1 to 63 of a-z 0-9 -, not starting or ending with -",
            "services[0].volumes: unknown field: services cannot mount host paths",
            "services[1].ready.tcp: must be a port number from 1 to 65535",
            "services[1].ready.http: unknown field",
            "services[1].name: required",
            "services[2].name: the name of a job: a service and a job may not share a name",
            "jobs[0].services[0]: no service \"db\" in the pipeline's services",
            "jobs[0].services[1]: no service \"nope\" in the pipeline's services");
  }

  @Test
  void readyTakesTcpOrCommandNotBoth() {
    assertThat(
            errors(
                q(
                    "{'name':'p','services':[{'name':'w','image':'x',"
                        + "'ready':{'tcp':80,'command':'true'}}],'jobs':["
                        + SpecTexts.JOB
                        + "]}")))
        .containsExactly("services[0].ready: set tcp or command, not both");
  }
}
