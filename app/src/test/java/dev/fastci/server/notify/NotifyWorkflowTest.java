package dev.fastci.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.secrets.SecretSource;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notification workflow on a time-skipping Temporal test server, posting to a local server. */
class NotifyWorkflowTest {
  private static final String QUEUE = "notify-test";
  private TestWorkflowEnvironment env;
  private WebhookReceiver hooks;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    hooks = new WebhookReceiver();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(NotifyWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new WebhookDeliveries(
            SecretSource.fromVariables(Map.of("FASTCI_SECRET_X_TOKEN", "s3cret")),
            (runId, attempt, message) -> events.add(runId + "/" + attempt + " " + message)));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    hooks.close();
  }

  private void tellAll(List<Delivery> deliveries) {
    env.getWorkflowClient()
        .newWorkflowStub(
            NotifyWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build())
        .tellAll(deliveries);
  }

  @Test
  void theSecretIsSentAsItsHeaderAndTheOutcomeIsARunEvent() throws Exception {
    tellAll(List.of(new Delivery("r1", 2, hooks.url("/a"), "X_TOKEN", "{\"runId\":\"r1\"}")));

    WebhookReceiver.Received received = hooks.next("/a", Duration.ofSeconds(5));
    assertThat(received.header("X-Token")).isEqualTo("s3cret");
    assertThat(received.body()).isEqualTo("{\"runId\":\"r1\"}");
    assertThat(events).containsExactly("r1/2 notified " + hooks.url("/a") + " (200)");
  }

  @Test
  void aWebhookThatKeepsFailingIsGivenUpAfterItsAttemptsAndTheNextIsStillTold() {
    hooks.failFirst("/down", 100);
    tellAll(
        List.of(
            new Delivery("r2", 1, hooks.url("/down"), null, "{}"),
            new Delivery("r2", 1, hooks.url("/up"), null, "{}")));

    assertThat(hooks.requests("/down")).isEqualTo(NotifyWorkflowImpl.ATTEMPTS);
    assertThat(events)
        .containsExactly(
            "r2/1 notification to " + hooks.url("/down") + " failed: HTTP 500",
            "r2/1 notified " + hooks.url("/up") + " (200)");
  }

  @Test
  void aSecretGoneFromTheServerFailsAtOnce() {
    tellAll(List.of(new Delivery("r3", 1, hooks.url("/b"), "GONE", "{}")));

    assertThat(hooks.requests("/b")).isZero();
    assertThat(events)
        .containsExactly(
            "r3/1 notification to "
                + hooks.url("/b")
                + " failed: secret GONE is not set on the server (FASTCI_SECRET_GONE)");
  }

  @Test
  void aSecretNamesItsHeader() {
    assertThat(WebhookDeliveries.headerName("X_TOKEN")).isEqualTo("X-Token");
    assertThat(WebhookDeliveries.headerName("AUTHORIZATION")).isEqualTo("Authorization");
  }
}
