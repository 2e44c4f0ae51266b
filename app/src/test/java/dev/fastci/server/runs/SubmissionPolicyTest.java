package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.job.JobLimits;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SubmissionPolicyTest {
  private static final SecretSource KNOWN =
      SecretSource.fromVariables(Map.of("FASTCI_SECRET_TOKEN", "t", "FASTCI_SECRET_DB", "d"));

  private static FastciProperties properties(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("fastci", FastciProperties.class);
  }

  private static SubmissionPolicy policy(Map<String, String> settings) {
    return new SubmissionPolicy(properties(settings).limits(), KNOWN);
  }

  private static PipelineSpec spec(String json) {
    return PipelineSpecParser.parse(json.replace('\'', '"'), SpecFormat.JSON);
  }

  private static String errors(SubmissionPolicy policy, String json) {
    try {
      policy.enforce(spec(json));
      return "";
    } catch (InvalidSpecException e) {
      return String.join("\n", e.errors().stream().map(SpecError::toString).toList());
    }
  }

  @Test
  void secretsTheServerLacksAreRefusedByPath() {
    String json =
        "{'name':'p','secrets':['TOKEN','GONE'],'jobs':["
            + "{'name':'a','image':'i','command':'true','secrets':['DB','MISSING']}]}";

    assertThat(errors(policy(Map.of()), json))
        .isEqualTo(
            "secrets[1]: secret GONE is not set on the server (FASTCI_SECRET_GONE)\n"
                + "jobs[0].secrets[1]: secret MISSING is not set on the server"
                + " (FASTCI_SECRET_MISSING)");
  }

  @Test
  void limitsAboveTheServersMaximumsAreRefusedByPath() {
    SubmissionPolicy policy =
        policy(Map.of("fastci.limits.max-memory", "1g", "fastci.limits.max-cpus", "2"));
    String json =
        "{'name':'p','jobs':[{'name':'ok','image':'i','command':'true','memory':'1g','cpus':2},"
            + "{'name':'big','image':'i','command':'true','memory':'1025m','cpus':2.5}]}";

    assertThat(errors(policy, json))
        .isEqualTo(
            "jobs[1].memory: at most 1g is allowed on this server\n"
                + "jobs[1].cpus: at most 2 is allowed on this server");
  }

  @Test
  void aServicesUnknownSecretsAndLimitsAboveTheMaximumsAreRefusedByPath() {
    SubmissionPolicy policy =
        policy(Map.of("fastci.limits.max-memory", "1g", "fastci.limits.max-cpus", "2"));
    String json =
        "{'name':'p','services':[{'name':'db','image':'pg','secrets':['DB','NOPE'],"
            + "'memory':'2g','cpus':4}],"
            + "'jobs':[{'name':'a','image':'i','command':'true','services':['db']}]}";

    assertThat(errors(policy, json))
        .isEqualTo(
            "services[0].secrets[1]: secret NOPE is not set on the server (FASTCI_SECRET_NOPE)\n"
                + "services[0].memory: at most 1g is allowed on this server\n"
                + "services[0].cpus: at most 2 is allowed on this server");
  }

  @Test
  void aSpecWithinTheLimitsWithKnownSecretsPasses() {
    PipelineSpec spec =
        spec(
            "{'name':'p','secrets':['TOKEN'],'jobs':[{'name':'a','image':'i','command':'true',"
                + "'secrets':['DB'],'memory':'64m','cpus':0.5}]}");

    assertThat(policy(Map.of()).enforce(spec)).isSameAs(spec);
  }

  @Test
  void runServiceRefusesASubmissionOverTheLimitsAndStartsNothing() {
    RunStore store = mock(RunStore.class);
    PipelineClient pipelines = mock(PipelineClient.class);
    FastciProperties properties = mock(FastciProperties.class);
    when(properties.volumes()).thenReturn(new FastciProperties.Volumes(List.of()));
    when(properties.dataDir()).thenReturn(java.nio.file.Path.of("data"));
    when(properties.notifications()).thenReturn(new FastciProperties.Notify(null));
    when(properties.limits())
        .thenReturn(properties(Map.of("fastci.limits.max-memory", "64m")).limits());
    RunService runs =
        new RunService(
            store,
            mock(JobRowsStore.class),
            mock(RunViews.class),
            new SpecDocuments(new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)),
            pipelines,
            new ObjectMapper(),
            properties,
            RunServiceHostPathsTest.starter(store, pipelines, properties),
            mock(ConcurrencyGroups.class),
            SecretSource.environment(),
            mock(dev.fastci.server.metrics.RunMeters.class),
            new AuditLog(mock(AuditStore.class)));
    String json =
        "{'name':'p','jobs':[{'name':'a','image':'i','command':'true','memory':'65m',"
            + "'secrets':['FASTCI_TEST_SURELY_UNSET']}]}";

    assertThatThrownBy(
            () -> runs.submit(json.replace('\'', '"'), SpecFormat.JSON, Trigger.of("api")))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).errors())
                    .extracting(SpecError::toString)
                    .containsExactly(
                        "jobs[0].secrets[0]: secret FASTCI_TEST_SURELY_UNSET is not set on the"
                            + " server (FASTCI_SECRET_FASTCI_TEST_SURELY_UNSET)",
                        "jobs[0].memory: at most 64m is allowed on this server"));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void aMaximumThatIsNoSizeStopsTheServer() {
    assertThatThrownBy(() -> policy(Map.of("fastci.limits.max-memory", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fastci.limits.max-memory lots");
  }

  @Test
  void theWorkerGetsTheLogCapAndTheDefaultLimits() {
    FastciProperties properties =
        properties(
            Map.of(
                "fastci.limits.max-log-bytes", "2048",
                "fastci.limits.default-memory", "512m",
                "fastci.limits.default-cpus", "1.5"));

    assertThat(properties.workerConfig().jobLimits())
        .extracting(JobLimits::maxLogBytes, JobLimits::defaultMemory, JobLimits::defaultCpus)
        .containsExactly(2048L, "512m", 1.5);
    assertThat(properties(Map.of()).workerConfig().jobLimits())
        .extracting(JobLimits::maxLogBytes, JobLimits::defaultMemory, JobLimits::defaultCpus)
        .containsExactly(JobLimits.DEFAULT_MAX_LOG_BYTES, null, null);
  }

  @Test
  void notifyWebhooksOutsideTheAllowedHostsAndUnknownSecretHeadersAreRefusedByPath() {
    SubmissionPolicy policy =
        new SubmissionPolicy(
            properties(Map.of()).limits(),
            properties(Map.of("fastci.notify.allowed-hosts", "chat.example, Hooks.Example"))
                .notifications()
                .allowedHosts(),
            KNOWN);
    String json =
        "{'name':'p','jobs':[{'name':'a','image':'i','command':'true'}],'notify':["
            + "{'webhook':'https://hooks.example/x','secret_header':'TOKEN'},"
            + "{'webhook':'http://127.0.0.1:9/x','secret_header':'NOPE'}]}";

    assertThat(errors(policy, json))
        .isEqualTo(
            "notify[1].webhook: host 127.0.0.1 is not allowed on this server"
                + " (fastci.notify.allowed-hosts: chat.example, hooks.example)\n"
                + "notify[1].secret_header: secret NOPE is not set on the server"
                + " (FASTCI_SECRET_NOPE)");
    assertThat(errors(policy(Map.of()), json))
        .isEqualTo(
            "notify[1].secret_header: secret NOPE is not set on the server"
                + " (FASTCI_SECRET_NOPE)");
  }
}
