package dev.fastci.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A runner without Docker, driven by each job's environment: {@code FAKE_EXIT} (exit code, default
 * 0), {@code FAKE_SLEEP_MS} (run time), {@code FAKE_OUTPUT} (the log), {@code FAKE_START_ERROR}
 * (the container cannot be created), {@code FAKE_OOM} (reported as killed for its memory limit),
 * {@code FAKE_LOST} (the container vanishes, as in an engine restart). {@link #engineDown} stands
 * for a Docker engine that stops answering for a while. It records when each container started and
 * ended, and which still exist, so workflow tests can check order and cleanup.
 */
public class FakeContainerRunner implements Backend {
  /** One container's life, in epoch milliseconds; {@code endedAt} is 0 while it runs. */
  public record Run(String name, long startedAt, long endedAt, int exitCode) {}

  private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
  private final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private final Map<String, Integer> creations = new ConcurrentHashMap<>();
  private final Map<String, ContainerSpec> created = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger refused =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean engineDown;

  private static final class FakeContainer {
    final ContainerSpec spec;
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    volatile long startedAt;

    FakeContainer(ContainerSpec spec) {
      this.spec = spec;
    }
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public RunScope setUpRun(String runId) {
    return new RunScope(runId, null);
  }

  @Override
  public ManagedContainers managedContainers() {
    throw new UnsupportedOperationException("no janitor on the fake runner");
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }

  @Override
  public JobContainer createOrFind(RunScope run, ContainerSpec spec) {
    FakeContainer existing = containers.get(spec.name());
    if (existing != null) {
      return new JobContainer(spec.name(), spec.name(), existing.startedAt > 0);
    }
    String startError = spec.env().get("FAKE_START_ERROR");
    if (startError != null) {
      throw new JobStartException(startError, null);
    }
    containers.put(spec.name(), new FakeContainer(spec));
    created.put(spec.name(), spec);
    creations.merge(spec.name(), 1, Integer::sum);
    return new JobContainer(spec.name(), spec.name(), false);
  }

  /** Images have no content here: the name stands for the id. */
  @Override
  public String imageId(String image, String platform) {
    return "fake:" + image + (platform == null ? "" : "@" + platform);
  }

  @Override
  public void start(JobContainer container) {
    FakeContainer fake = containers.get(container.name());
    if (container.alreadyStarted() || fake.startedAt > 0) {
      return;
    }
    fake.startedAt = System.currentTimeMillis();
    int exitCode = Integer.parseInt(fake.spec.env().getOrDefault("FAKE_EXIT", "0"));
    long sleep = Long.parseLong(fake.spec.env().getOrDefault("FAKE_SLEEP_MS", "0"));
    if (fake.spec.env().containsKey("FAKE_LOST")) {
      clock.schedule(
          () -> fake.exit.completeExceptionally(new IllegalStateException("No such container")),
          sleep,
          TimeUnit.MILLISECONDS);
      return;
    }
    clock.schedule(() -> end(fake, exitCode), sleep, TimeUnit.MILLISECONDS);
  }

  private synchronized void end(FakeContainer fake, int exitCode) {
    if (fake.exit.complete(exitCode)) {
      runs.add(new Run(fake.spec.name(), fake.startedAt, System.currentTimeMillis(), exitCode));
    }
  }

  @Override
  public CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    FakeContainer fake = containers.get(container.name());
    String output = fake.spec.env().getOrDefault("FAKE_OUTPUT", "");
    try {
      sink.write(output.getBytes(StandardCharsets.UTF_8));
      sink.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fake.exit.thenAccept(code -> {});
  }

  @Override
  public CompletableFuture<ContainerExit> awaitExit(JobContainer container) {
    FakeContainer fake = containers.get(container.name());
    return fake.exit.thenApply(
        code -> new ContainerExit(code, code != 0 && fake.spec.env().containsKey("FAKE_OOM")));
  }

  @Override
  public void kill(JobContainer container) {
    FakeContainer fake = containers.get(container.name());
    if (fake != null) {
      end(fake, 137);
    }
  }

  @Override
  public void remove(JobContainer container) {
    answerOrRefuse();
    containers.remove(container.name());
  }

  @Override
  public int tearDownRun(String runId) {
    answerOrRefuse();
    Map<String, String> labels = Map.of(Labels.RUN, runId);
    List<String> matching =
        containers.entrySet().stream()
            .filter(e -> e.getValue().spec.labels().entrySet().containsAll(labels.entrySet()))
            .map(Map.Entry::getKey)
            .toList();
    matching.forEach(containers::remove);
    return matching.size();
  }

  /**
   * The Docker engine goes down, as after a {@code kill -9} of dockerd: every container that runs
   * loses its connection (its exit is never known), and removals fail until {@link #engineUp}.
   */
  public void engineDown() {
    engineDown = true;
    for (FakeContainer fake : containers.values()) {
      if (fake.startedAt > 0) {
        fake.exit.completeExceptionally(
            new IllegalStateException("Premature end of chunk coded message body"));
      }
    }
  }

  /** The engine answers again. */
  public void engineUp() {
    engineDown = false;
  }

  /** How many calls were refused while the engine was down. */
  public int refusedCalls() {
    return refused.get();
  }

  private void answerOrRefuse() {
    if (engineDown) {
      refused.incrementAndGet();
      throw new IllegalStateException("java.io.IOException: Connection refused (fake engine down)");
    }
  }

  /** How many containers were created under the name ending with {@code -suffix}. */
  public int createdCount(String containerNameSuffix) {
    return creations.entrySet().stream()
        .filter(e -> e.getKey().endsWith("-" + containerNameSuffix))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Containers created and not yet removed. */
  public List<String> existing() {
    return List.copyOf(containers.keySet());
  }

  /** The spec of the last container created whose name ends with {@code -suffix}. */
  public ContainerSpec createdSpec(String containerNameSuffix) {
    return created.entrySet().stream()
        .filter(e -> e.getKey().endsWith("-" + containerNameSuffix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container created for " + containerNameSuffix));
  }

  public synchronized List<Run> finishedRuns() {
    return List.copyOf(runs);
  }

  public synchronized Run run(String containerNameSuffix) {
    return runs.stream()
        .filter(r -> r.name().endsWith("-" + containerNameSuffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finished container for " + containerNameSuffix));
  }
}
