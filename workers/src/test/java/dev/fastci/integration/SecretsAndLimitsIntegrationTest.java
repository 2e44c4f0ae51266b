package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.job.JobLimits;
import dev.fastci.secrets.SecretSource;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Secrets, memory and CPU limits and the log cap on the real Docker engine. */
@ExtendWith(DockerEngine.class)
class SecretsAndLimitsIntegrationTest {
  static final String SECRET = "it-s3cret-value";
  static final long MAX_LOG = 1024;
  static LocalEngine engine;

  @BeforeAll
  static void startEngine() {
    engine =
        LocalEngine.start(
            config ->
                config
                    .withJobLimits(new JobLimits(MAX_LOG, null, null))
                    .withSecrets(
                        SecretSource.fromVariables(Map.of("FASTCI_SECRET_API_TOKEN", SECRET))));
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aSecretReachesTheJobAndIsMaskedInItsLogEvenWhenSplitAcrossWrites() {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "secret", "secrets": ["API_TOKEN"],
             "jobs": [{"name": "use", "image": "busybox:latest", "command": ["sh", "-c",
               "echo \\"token=$API_TOKEN\\"; printf it-s3; sleep 0.5; printf 'cret-value!\\\\n'; test ${#API_TOKEN} -eq 15"]}]}
            """);
    PipelineState end = run.await();

    assertThat(end.job("use").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    String log = engine.logText(run.runId(), "use");
    assertThat(log).isEqualTo("token=***\n***!\n").doesNotContain(SECRET);
    assertThat(payloadsOfHistory(run.runId()))
        .as("every payload in the workflow history")
        .contains("API_TOKEN")
        .doesNotContain(SECRET);
    assertNoContainersOf(run.runId());
  }

  @Test
  void aJobOverItsMemoryLimitIsKilledAndFailsWithTheReason() {
    String job =
        """
        {"name": "oom", "jobs": [{"name": "hog", "image": "busybox:latest", "memory": "%s",
          "command": ["sh", "-c", "head -c 64m /dev/zero | tail > /dev/null"]}]}
        """;
    LocalEngine.Started run = engine.startAsync(job.formatted("16m"));
    PipelineState end = run.await();

    JobState hog = end.job("hog");
    assertThat(hog.status()).as("%s", end).isEqualTo(JobStatus.FAILED);
    assertThat(hog.exitCode()).isEqualTo(137);
    // the error comes only from Docker's State.OOMKilled
    assertThat(hog.error()).isEqualTo("killed: out of memory (memory limit 16m)");
    assertThat(engine.logText(run.runId(), "hog"))
        .contains("fastci: killed: out of memory (memory limit 16m)");
    assertNoContainersOf(run.runId());

    PipelineState roomy = engine.run(job.formatted("256m"));
    assertThat(roomy.job("hog").status()).as("%s", roomy).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void memoryAndCpusAreSetOnTheContainer() throws Exception {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "limits", "jobs": [{"name": "wait", "image": "busybox:latest",
              "command": "sleep 60", "memory": "32m", "cpus": 0.5}]}
            """);
    Container container =
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    DockerEngine.fastciContainers(run.runId()).stream()
                        .filter(c -> "wait".equals(c.getLabels().get(Labels.JOB)))
                        .findFirst()
                        .orElse(null),
                c -> c != null);

    HostConfig host;
    try (DockerClient docker = DockerClients.streaming()) {
      host = docker.inspectContainerCmd(container.getId()).exec().getHostConfig();
    }
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getMemory()).isEqualTo(32L << 20);
    assertThat(host.getMemorySwap()).isEqualTo(32L << 20);

    WorkflowStub.fromTyped(engine.stub(run.runId())).cancel();
    assertThat(run.await().job("wait").status()).isEqualTo(JobStatus.CANCELLED);
    assertNoContainersOf(run.runId());
  }

  @Test
  void aLongLogIsCutAtTheLimitWithAMarkerAndTheExitCodeDecides() {
    LocalEngine.Started run =
        engine.startAsync(
            """
            {"name": "chatty", "jobs": [{"name": "talk", "image": "busybox:latest",
              "command": ["sh", "-c",
                "i=0; while [ $i -lt 100 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789; i=$((i+1)); done"]}]}
            """);
    PipelineState end = run.await();

    assertThat(end.job("talk").status()).as("%s", end).isEqualTo(JobStatus.SUCCEEDED);
    String log = engine.logText(run.runId(), "talk");
    String marker = "[fastci: log truncated at " + MAX_LOG + " bytes; the job goes on]\n";
    assertThat(log).endsWith("\n" + marker);
    assertThat(log.length()).isEqualTo(MAX_LOG + 1 + marker.length());
    assertThat(log).startsWith("0123456789".repeat(10) + "\n");
    assertNoContainersOf(run.runId());
  }

  /** The history's payloads (base64 in its JSON form), decoded and joined. */
  private static String payloadsOfHistory(String runId) {
    String history = engine.client().fetchHistory(runId).toJson(false);
    java.util.regex.Matcher data =
        java.util.regex.Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"").matcher(history);
    StringBuilder payloads = new StringBuilder();
    while (data.find()) {
      payloads.append(new String(java.util.Base64.getDecoder().decode(data.group(1)))).append('\n');
    }
    return payloads.toString();
  }
}
