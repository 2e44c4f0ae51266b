package dev.fastci.server.forge.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fastci.server.forge.CommitStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status workflow on Temporal's test environment, with activities that play the store and the
 * forge: changes that arrive while a report is on its way are folded into one, the workflow ends
 * once a final state is sent, and a report the forge refuses is given up saying why.
 */
class CommitStatusWorkflowTest {
  private static final StatusTarget TARGET =
      new StatusTarget("run-1", 1, "abc", "fastci/build", "https://ci/runs/run-1");

  /** Sends the state the test sets; the first send waits until the test lets it go. */
  static final class Activities implements StatusActivities {
    final AtomicReference<SentStatus> state = new AtomicReference<>();
    final CountDownLatch firstSendMayEnd = new CountDownLatch(1);
    final List<SentStatus> sent = new CopyOnWriteArrayList<>();
    final List<String> gaveUp = new CopyOnWriteArrayList<>();
    volatile boolean refuse;

    @Override
    public SentStatus send(StatusTarget target, SentStatus last) {
      if (refuse) {
        throw ApplicationFailure.newNonRetryableFailure(
            "POST /statuses answered 401: bad token", CommitStatusWorkflowImpl.REFUSED);
      }
      SentStatus now = state.get();
      if (sent.isEmpty()) {
        sent.add(now);
        await(firstSendMayEnd);
        return now;
      }
      if (!now.equals(last)) {
        sent.add(now);
      }
      return now;
    }

    @Override
    public boolean gaveUp(StatusTarget target, String reason) {
      gaveUp.add(reason);
      return state.get().done();
    }

    private static void await(CountDownLatch latch) {
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final Activities activities = new Activities();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(CommitStatusWorkflow.QUEUE);
    worker.registerWorkflowImplementationTypes(CommitStatusWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void changed() {
    CommitStatusWorkflow workflow =
        client.newWorkflowStub(
            CommitStatusWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CommitStatusWorkflow.idOf(TARGET.runId()))
                .setTaskQueue(CommitStatusWorkflow.QUEUE)
                .build());
    BatchRequest start = client.newSignalWithStartRequest();
    start.add(workflow::report, TARGET);
    start.add(workflow::changed);
    client.signalWithStart(start);
  }

  private static SentStatus state(CommitStatus.State state, String description) {
    return new SentStatus(state, description, state.isFinal());
  }

  private void awaitEnd() throws Exception {
    WorkflowStub.fromTyped(
            client.newWorkflowStub(
                CommitStatusWorkflow.class, CommitStatusWorkflow.idOf(TARGET.runId())))
        .getResult(10, TimeUnit.SECONDS, Void.class);
  }

  @Test
  void changesWhileAReportIsOnItsWayAreFoldedIntoTheNewestState() throws Exception {
    activities.state.set(state(CommitStatus.State.PENDING, "waiting to start"));
    changed();
    await().atMost(Duration.ofSeconds(10)).until(() -> activities.sent.size() == 1);

    activities.state.set(state(CommitStatus.State.RUNNING, "0 of 2 jobs done"));
    changed();
    activities.state.set(state(CommitStatus.State.RUNNING, "1 of 2 jobs done"));
    changed();
    activities.state.set(state(CommitStatus.State.SUCCESS, "succeeded in 1.00s"));
    changed();
    activities.firstSendMayEnd.countDown();
    awaitEnd();

    assertThat(activities.sent)
        .extracting(SentStatus::state)
        .containsExactly(CommitStatus.State.PENDING, CommitStatus.State.SUCCESS);
  }

  @Test
  void aRefusedReportIsGivenUpAsAnEventAndTheWorkflowEndsWithTheRun() throws Exception {
    activities.firstSendMayEnd.countDown();
    activities.refuse = true;
    activities.state.set(state(CommitStatus.State.FAILURE, "failed: test (2.00s)"));

    changed();
    awaitEnd();

    assertThat(activities.gaveUp).containsExactly("POST /statuses answered 401: bad token");
    assertThat(activities.sent).isEmpty();
  }

  @Test
  void aRunThatChangesAgainAfterItsFinalReportGetsANewWorkflow() throws Exception {
    activities.firstSendMayEnd.countDown();
    activities.state.set(state(CommitStatus.State.FAILURE, "failed: test (2.00s)"));
    changed();
    awaitEnd();

    activities.state.set(state(CommitStatus.State.PENDING, "waiting to start")); // a retry
    changed();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(activities.sent)
                    .extracting(SentStatus::state)
                    .containsExactly(CommitStatus.State.FAILURE, CommitStatus.State.PENDING));
  }
}
