package dev.fastci.backend.dummy;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.backend.Labels;
import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.RunScope;
import dev.fastci.backend.dummy.DummyContainer.State;
import dev.fastci.util.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link Backend} without a container engine (Woodpecker has one too): each job's environment
 * says what its "container" does ({@link DummyEnv}: exit code, run time, a hold until {@link
 * #release}, output, failures). It keeps the {@link Backend} contract strictly: a call out of order
 * (a start before the create or after the remove, a log follow after the remove, a wait before the
 * start, a kill after the remove, a create outside a set-up run) is recorded in {@link #journal()}
 * and throws {@link IllegalStateException}. Stricter than Docker, a second start of a running
 * container without {@link JobContainer#alreadyStarted} counts as such a call. A service's
 * container runs until it is removed, and answers its readiness probes as {@link DummyReadiness}
 * says.
 *
 * <p>Selected with {@code fastci.backend=dummy} ({@code FASTCI_BACKEND=dummy}), it runs the whole
 * server, its workflows, store and UI without Docker. {@link #engineDown} and {@link #engineUp}
 * stand for a Docker engine that stops answering for a while.
 */
public final class DummyBackend implements Backend {
  private static final String REFUSED =
      "java.io.IOException: Connection refused (dummy engine down)";

  private final String hostId;
  private final DummyJournal journal = new DummyJournal();
  private final DummyContainers containers = new DummyContainers(journal);
  private final Set<String> released = new HashSet<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final ScheduledExecutorService clock =
      Executors.newScheduledThreadPool(2, DaemonThreads.named("fastci-dummy-backend"));
  private boolean engineDown;

  /** A backend for containers of any host; {@link #tearDownRun} removes a run's on every host. */
  public DummyBackend() {
    this(null);
  }

  /**
   * @param hostId the worker host whose containers {@link #tearDownRun} removes
   */
  public DummyBackend(String hostId) {
    this.hostId = hostId;
  }

  @Override
  public String name() {
    return "dummy";
  }

  @Override
  public synchronized RunScope setUpRun(String runId) {
    journal.call("setUpRun", runId);
    containers.setUp(runId);
    return new RunScope(runId, null);
  }

  @Override
  public synchronized JobContainer createOrFind(RunScope run, ContainerSpec spec) {
    journal.call("createOrFind", spec.name());
    DummyContainer existing = containers.existing(run, spec.name());
    if (existing != null) {
      return existing.handle();
    }
    String tryLabel = spec.labels().getOrDefault(Labels.TRY, "1");
    DummyEnv env = DummyEnv.of(spec.env(), Integer.parseInt(tryLabel));
    if (env.createError() != null) {
      throw new JobStartException(env.createError(), null);
    }
    return containers.add(spec.inNetwork(run.networkMode()), env).handle();
  }

  @Override
  public synchronized void start(JobContainer container) {
    journal.call("start", container.name());
    DummyContainer dummy = containers.known("start", container);
    if (container.alreadyStarted() && dummy.state != State.CREATED) {
      return;
    }
    if (dummy.state != State.CREATED) {
      throw containers.violation("start", container.name(), dummy.state + " (started twice)");
    }
    if (dummy.env.startFail()) {
      throw new JobStartException(
          "dummy backend: the container did not start (DUMMY_START_FAIL)", null);
    }
    dummy.start();
    if (dummy.env.lost()) {
      later(dummy.env.sleepMs(), dummy, c -> c.lose("No such container: " + c.name()));
    } else if (dummy.endsBySelf(isReleased(dummy))) {
      later(dummy.env.sleepMs(), dummy, c -> c.end(c.env.exitCode(), journal));
    }
  }

  @Override
  public CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    DummyContainer dummy;
    synchronized (this) {
      journal.call("followLogs", container.name());
      dummy = containers.known("followLogs", container); // before its start, as the job does
    }
    try {
      sink.write(dummy.env.output().getBytes(StandardCharsets.UTF_8));
      sink.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (dummy.env.tailFail()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("dummy backend: the log stream broke (DUMMY_TAIL_FAIL)"));
    }
    return dummy.exit.thenAccept(exit -> {});
  }

  @Override
  public synchronized CompletableFuture<ContainerExit> awaitExit(JobContainer container) {
    journal.call("awaitExit", container.name());
    return containers.started("awaitExit", container).exit.copy();
  }

  @Override
  public synchronized void kill(JobContainer container) {
    journal.call("kill", container.name());
    containers.known("kill", container).end(137, journal);
  }

  @Override
  public synchronized void remove(JobContainer container) {
    journal.call("remove", container.name());
    answerOrRefuse();
    DummyContainer dummy = containers.removable(container);
    if (dummy != null) {
      dummy.remove(journal);
    }
  }

  /** 0 once the container's readiness says it is ready, else 1; it must run. */
  @Override
  public synchronized Integer exec(JobContainer container, List<String> command, Duration timeout) {
    journal.call("exec", container.name());
    DummyContainer dummy = containers.started("exec", container);
    if (dummy.state != State.RUNNING) {
      throw new IllegalStateException("dummy backend: " + container.name() + " is not running");
    }
    return dummy.ready(isReleased(dummy)) ? 0 : 1;
  }

  @Override
  public synchronized ContainerStatus status(JobContainer container) {
    DummyContainer dummy = containers.removable(container);
    return dummy == null ? ContainerStatus.GONE : dummy.status(isReleased(dummy));
  }

  @Override
  public synchronized boolean acceptsTcp(JobContainer container, int port, Duration timeout) {
    journal.call("acceptsTcp", container.name() + ":" + port);
    DummyContainer dummy = containers.started("acceptsTcp", container);
    return dummy.ready(isReleased(dummy));
  }

  private boolean isReleased(DummyContainer dummy) {
    return released.stream().anyMatch(dummy::hasSuffix);
  }

  @Override
  public synchronized int tearDownRun(String runId) {
    journal.call("tearDownRun", runId);
    answerOrRefuse();
    List<DummyContainer> ofRun =
        containers.live().stream().filter(c -> c.isOfRun(runId, hostId)).toList();
    ofRun.forEach(c -> c.remove(journal));
    containers.tearDown(runId);
    return ofRun.size();
  }

  /** Images have no content here: the name stands for the id. */
  @Override
  public String imageId(String image, String platform) {
    return "dummy:" + image + (platform == null ? "" : "@" + platform);
  }

  @Override
  public ManagedContainers managedContainers() {
    return new DummyManagedContainers(this);
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }

  /**
   * Ends the held containers whose name ends with {@code -suffix} (a job {@code DUMMY_HOLD} runs
   * until then) with their exit code; one that starts later ends after its sleep. A held service is
   * ready from then on instead (its probes said "not ready" until then).
   */
  public synchronized void release(String suffix) {
    released.add(suffix);
    for (DummyContainer dummy : containers.all()) {
      if (dummy.env.hold() && dummy.hasSuffix(suffix) && !dummy.spec.isService()) {
        dummy.end(dummy.env.exitCode(), journal);
      }
    }
  }

  /**
   * True while a container whose name ends with {@code -suffix} runs. A job's RUNNING state comes
   * before its container starts, so a test that acts on the container waits for this.
   */
  public synchronized boolean isRunning(String suffix) {
    return containers.live().stream()
        .anyMatch(c -> c.state == State.RUNNING && c.hasSuffix(suffix));
  }

  /**
   * The engine goes down, as after a {@code kill -9} of dockerd: every running container loses its
   * connection (its exit is never known), and removals fail until {@link #engineUp}.
   */
  public synchronized void engineDown() {
    engineDown = true;
    for (DummyContainer dummy : containers.all()) {
      dummy.lose("Premature end of chunk coded message body");
    }
  }

  /** The engine answers again. */
  public synchronized void engineUp() {
    engineDown = false;
  }

  /** How many calls were refused while the engine was down. */
  public int refusedCalls() {
    return refused.get();
  }

  public DummyJournal journal() {
    return journal;
  }

  synchronized List<DummyContainer> listed() {
    return containers.live();
  }

  synchronized void removeById(String id) {
    answerOrRefuse();
    containers.live().stream()
        .filter(c -> c.id.equals(id))
        .findFirst()
        .ifPresent(c -> c.remove(journal));
  }

  private void later(long millis, DummyContainer dummy, Consumer<DummyContainer> action) {
    clock.schedule(
        () -> {
          synchronized (this) {
            action.accept(dummy);
          }
        },
        millis,
        TimeUnit.MILLISECONDS);
  }

  private void answerOrRefuse() {
    if (engineDown) {
      refused.incrementAndGet();
      throw new IllegalStateException(REFUSED);
    }
  }
}
