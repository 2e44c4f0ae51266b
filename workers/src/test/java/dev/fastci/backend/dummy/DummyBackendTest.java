package dev.fastci.backend.dummy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.backend.Labels;
import dev.fastci.backend.ManagedContainers.ManagedContainer;
import dev.fastci.backend.RunScope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dummy backend's container life, its DUMMY_* keys, and the calls it rejects. */
class DummyBackendTest {
  private final DummyBackend backend = new DummyBackend("h");
  private final RunScope run = backend.setUpRun("r");

  @AfterEach
  void close() {
    backend.close();
  }

  private static ContainerSpec spec(String job, Map<String, String> env) {
    return spec("r", "h", job, env);
  }

  private static ContainerSpec spec(
      String runId, String host, String job, Map<String, String> env) {
    return new ContainerSpec(
        "fastci-" + runId + "-" + host + "-" + job + "-1",
        "img",
        List.of("true"),
        env,
        List.of(),
        "/w",
        Map.of(Labels.MANAGED, "true", Labels.RUN, runId, Labels.HOST, host));
  }

  private JobContainer started(String job, Map<String, String> env) {
    JobContainer container = backend.createOrFind(run, spec(job, env));
    backend.start(container);
    return container;
  }

  private static ContainerExit exitOf(JobContainer container, DummyBackend backend)
      throws Exception {
    return backend.awaitExit(container).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aTrysOwnKeysOverrideTheOthersForThatTryAlone() {
    Map<String, String> env = Map.of("DUMMY_EXIT_CODE", "1", "DUMMY_TRY2_EXIT_CODE", "0");

    assertThat(DummyEnv.of(env, 1).exitCode()).isEqualTo(1);
    assertThat(DummyEnv.of(env, 2).exitCode()).isZero();
    assertThat(DummyEnv.of(env, 3).exitCode()).isEqualTo(1);
    assertThat(DummyEnv.of(Map.of("DUMMY_TRY1_CREATE_ERROR", "gone"), 1).createError())
        .isEqualTo("gone");
  }

  @Test
  void aJobRunsWritesItsOutputAndExitsWithItsCode() throws Exception {
    JobContainer container =
        started(
            "a", Map.of("DUMMY_OUTPUT", "hé\n", "DUMMY_OUTPUT_LINES", "2", "DUMMY_EXIT_CODE", "3"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CompletableFuture<Void> logs = backend.followLogs(container, log);

    assertThat(exitOf(container, backend)).isEqualTo(new ContainerExit(3, false));
    logs.get(5, TimeUnit.SECONDS);
    assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("hé\nline 1\nline 2\n");
    backend.remove(container);
    assertThat(backend.tearDownRun("r")).isZero();

    assertThat(backend.journal().calls())
        .containsExactly(
            "setUpRun r",
            "createOrFind " + container.name(),
            "start " + container.name(),
            "followLogs " + container.name(),
            "awaitExit " + container.name(),
            "remove " + container.name(),
            "tearDownRun r");
    assertThat(backend.journal().run("a-1").exitCode()).isEqualTo(3);
    assertThat(backend.journal().existing()).isEmpty();
    assertThat(backend.journal().violations()).isEmpty();
  }

  @Test
  void theOutputIsFollowedFromBeforeTheStartAsTheJobDoes() throws Exception {
    JobContainer container =
        backend.createOrFind(run, spec("a", Map.of("DUMMY_OUTPUT", "first\n")));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    CompletableFuture<Void> logs = backend.followLogs(container, log);
    backend.start(container);

    assertThat(exitOf(container, backend).exitCode()).isZero();
    logs.get(5, TimeUnit.SECONDS);
    assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("first\n");
    assertThat(backend.journal().violations()).isEmpty();
  }

  @Test
  void aSecondCreateFindsTheStartedContainerAndItsStartDoesNothing() throws Exception {
    JobContainer first = started("a", Map.of("DUMMY_HOLD", "true"));
    JobContainer again = backend.createOrFind(run, spec("a", Map.of("DUMMY_HOLD", "true")));
    backend.start(again);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.alreadyStarted()).isTrue();
    assertThat(backend.journal().createdCount("a-1")).isEqualTo(1);
    backend.release("a-1");
    assertThat(exitOf(again, backend).exitCode()).isZero();
    assertThat(backend.journal().violations()).isEmpty();
  }

  @Test
  void aHeldJobRunsUntilReleasedOrKilled() throws Exception {
    JobContainer held = started("held", Map.of("DUMMY_HOLD", "true", "DUMMY_EXIT_CODE", "4"));
    JobContainer killed = started("killed", Map.of("DUMMY_HOLD", "true"));
    CompletableFuture<ContainerExit> heldExit = backend.awaitExit(held);
    Thread.sleep(100);
    assertThat(heldExit).isNotDone();
    assertThat(backend.isRunning("held-1")).isTrue();

    backend.release("held-1");
    backend.kill(killed);

    assertThat(heldExit.get(5, TimeUnit.SECONDS).exitCode()).isEqualTo(4);
    assertThat(backend.isRunning("held-1")).isFalse();
    assertThat(exitOf(killed, backend).exitCode()).isEqualTo(137);
  }

  @Test
  void aReleaseBeforeTheStartEndsTheHeldJobAtOnce() throws Exception {
    backend.release("early-1");
    JobContainer early = started("early", Map.of("DUMMY_HOLD", "true"));

    assertThat(exitOf(early, backend).exitCode()).isZero();
  }

  @Test
  void aJobSleepsBeforeItExits() throws Exception {
    long before = System.currentTimeMillis();
    JobContainer container = started("a", Map.of("DUMMY_SLEEP_MS", "200"));

    exitOf(container, backend);
    DummyJournal.Run ran = backend.journal().run("a-1");
    assertThat(ran.endedAt() - ran.startedAt()).isGreaterThanOrEqualTo(200);
    assertThat(ran.startedAt()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void failuresTheEnvironmentAsksFor() throws Exception {
    assertThatThrownBy(
            () -> backend.createOrFind(run, spec("c", Map.of("DUMMY_CREATE_ERROR", "no"))))
        .isInstanceOf(JobStartException.class)
        .hasMessage("no");
    JobContainer notStarting =
        backend.createOrFind(run, spec("s", Map.of("DUMMY_START_FAIL", "1")));
    assertThatThrownBy(() -> backend.start(notStarting))
        .isInstanceOf(JobStartException.class)
        .hasMessageContaining("DUMMY_START_FAIL");
    assertThatThrownBy(() -> backend.createOrFind(run, spec("n", Map.of("DUMMY_EXIT_CODE", "x"))))
        .isInstanceOf(JobStartException.class)
        .hasMessage("dummy backend: DUMMY_EXIT_CODE is not a number: x");

    JobContainer tail = started("t", Map.of("DUMMY_TAIL_FAIL", "true"));
    assertThat(backend.followLogs(tail, new ByteArrayOutputStream()))
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("DUMMY_TAIL_FAIL");

    JobContainer oom = started("o", Map.of("DUMMY_OOM_KILLED", "true", "DUMMY_EXIT_CODE", "137"));
    assertThat(exitOf(oom, backend)).isEqualTo(new ContainerExit(137, true));
    JobContainer oomButZero = started("z", Map.of("DUMMY_OOM_KILLED", "true"));
    assertThat(exitOf(oomButZero, backend)).isEqualTo(new ContainerExit(0, false));

    JobContainer lost = started("l", Map.of("DUMMY_LOST", "true"));
    assertThat(backend.awaitExit(lost))
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("No such container");
    assertThat(backend.journal().violations()).isEmpty();
  }

  @Test
  void callsOutOfOrderAreRecordedAndRejected() {
    DummyBackend other = new DummyBackend();
    RunScope notSetUp = new RunScope("never", null);
    assertThatThrownBy(() -> other.createOrFind(notSetUp, spec("never", "h", "a", Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run not set up");
    other.close();

    JobContainer created = backend.createOrFind(run, spec("a", Map.of("DUMMY_HOLD", "true")));
    assertThatThrownBy(() -> backend.awaitExit(created)).hasMessageContaining("before start");
    backend.start(created);
    assertThatThrownBy(() -> backend.start(created)).hasMessageContaining("started twice");
    backend.remove(created);
    backend.remove(created); // removing twice is fine, as on Docker
    assertThatThrownBy(() -> backend.kill(created)).hasMessageContaining("in state REMOVED");
    assertThatThrownBy(() -> backend.start(new JobContainer("x", "unknown", false)))
        .hasMessageContaining("unknown in state unknown");
    backend.tearDownRun("r");
    assertThatThrownBy(() -> backend.createOrFind(run, spec("b", Map.of())))
        .hasMessageContaining("run torn down");

    assertThat(backend.journal().violations()).hasSize(5);
    assertThat(backend.setUpRun("r")).isEqualTo(run); // a retried run is set up again
    backend.createOrFind(run, spec("b", Map.of()));
    assertThat(backend.journal().violations()).hasSize(5);
  }

  @Test
  void theTeardownRemovesTheRunsContainersOfThisHostOnly() {
    started("a", Map.of("DUMMY_HOLD", "true"));
    backend.createOrFind(run, spec("b", Map.of()));
    backend.createOrFind(backend.setUpRun("other"), spec("other", "h", "c", Map.of()));
    backend.createOrFind(run, spec("r", "elsewhere", "d", Map.of()));

    assertThat(backend.tearDownRun("r")).isEqualTo(2);
    assertThat(backend.journal().existing())
        .containsExactlyInAnyOrder("fastci-other-h-c-1", "fastci-r-elsewhere-d-1");
    assertThat(backend.journal().run("a-1").exitCode()).as("killed by its removal").isEqualTo(137);
  }

  @Test
  void aDownEngineLosesRunningContainersAndRefusesRemovalsUntilItIsUp() {
    JobContainer running = started("a", Map.of("DUMMY_HOLD", "true"));

    backend.engineDown();

    assertThat(backend.awaitExit(running))
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("Premature end of chunk coded message body");
    assertThatThrownBy(() -> backend.remove(running)).hasMessageContaining("Connection refused");
    assertThatThrownBy(() -> backend.tearDownRun("r")).hasMessageContaining("Connection refused");
    assertThat(backend.refusedCalls()).isEqualTo(2);
    backend.engineUp();
    assertThat(backend.tearDownRun("r")).isEqualTo(1);
    assertThat(backend.journal().existing()).isEmpty();
  }

  @Test
  void theJanitorSeesAndRemovesContainersThroughItsView() {
    JobContainer container = started("a", Map.of("DUMMY_HOLD", "true"));

    List<ManagedContainer> listed = backend.managedContainers().list();
    assertThat(listed)
        .containsExactly(
            new ManagedContainer(container.id(), container.name(), "r", null, "running"));
    backend.managedContainers().remove(container.id());
    assertThat(backend.managedContainers().list()).isEmpty();
    assertThat(backend.imageId("img", "linux/arm64")).isEqualTo("dummy:img@linux/arm64");
  }
}
