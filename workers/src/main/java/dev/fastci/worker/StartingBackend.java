package dev.fastci.worker;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.ManagedContainers;
import dev.fastci.backend.RunScope;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A backend that is still starting, so that the workers start beside it (both are mostly class
 * loading, which two cores overlap): each call waits for it, and fails as its start did. The engine
 * itself waits for the start before it is up, and closes the real backend.
 */
final class StartingBackend implements Backend {
  private final CompletableFuture<Backend> starting;

  StartingBackend(CompletableFuture<Backend> starting) {
    this.starting = starting;
  }

  /** The backend once it has started; throws what its start threw. */
  Backend started() {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public String name() {
    return started().name();
  }

  @Override
  public RunScope setUpRun(String runId) {
    return started().setUpRun(runId);
  }

  @Override
  public JobContainer createOrFind(RunScope run, ContainerSpec spec) {
    return started().createOrFind(run, spec);
  }

  @Override
  public void start(JobContainer container) {
    started().start(container);
  }

  @Override
  public CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    return started().followLogs(container, sink);
  }

  @Override
  public CompletableFuture<ContainerExit> awaitExit(JobContainer container) {
    return started().awaitExit(container);
  }

  @Override
  public void kill(JobContainer container) {
    started().kill(container);
  }

  @Override
  public Optional<InputStream> copyOut(JobContainer container, String path) {
    return started().copyOut(container, path);
  }

  @Override
  public void remove(JobContainer container) {
    started().remove(container);
  }

  @Override
  public Integer exec(JobContainer container, List<String> command, Duration timeout) {
    return started().exec(container, command, timeout);
  }

  @Override
  public ContainerStatus status(JobContainer container) {
    return started().status(container);
  }

  @Override
  public boolean acceptsTcp(JobContainer container, int port, Duration timeout) {
    return started().acceptsTcp(container, port, timeout);
  }

  @Override
  public int tearDownRun(String runId) {
    return started().tearDownRun(runId);
  }

  @Override
  public String imageId(String image, String platform) {
    return started().imageId(image, platform);
  }

  @Override
  public int warmPoolSize() {
    return started().warmPoolSize();
  }

  @Override
  public ManagedContainers managedContainers() {
    return started().managedContainers();
  }

  /** The engine closes the backend it waited for. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("the engine closes the backend once it has started");
  }
}
