package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.WaitResponse;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.JobContainer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What lasts as long as a job: its log stream and the wait for its exit. */
final class DockerStreams {
  private final DockerClient streaming;
  private final DockerClient calls;

  /**
   * @param streaming follows logs and waits, without a response timeout
   * @param calls asks whether an ended container was killed for its memory
   */
  DockerStreams(DockerClient streaming, DockerClient calls) {
    this.streaming = streaming;
    this.calls = calls;
  }

  /**
   * How often a stream is opened again when it broke before it brought anything: after a restart of
   * the engine, the pooled connections of before it are closed at the other end, and each is found
   * out only by a request that fails on it ("Broken pipe").
   */
  static final int STALE_CONNECTION_TRIES = 10;

  /**
   * A container not started yet is attached to: its output comes as the container writes it, in the
   * chunks it writes, and the call returns once the attach is in place, so nothing is missed. One
   * started by an earlier try is followed through the logs API from its start instead, which costs
   * the engine a decoded JSON line per line of output (about three times as long for 100 MB).
   * Cancelling the returned future closes the stream.
   */
  CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CountDownLatch attached = new CountDownLatch(1);
    follow(container, sink, done, attached, 1);
    if (!container.alreadyStarted()) {
      awaitAttached(container, done, attached);
    }
    return done;
  }

  private void follow(
      JobContainer container,
      OutputStream sink,
      CompletableFuture<Void> done,
      CountDownLatch attached,
      int tryNumber) {
    Copying copying =
        new Copying(
            sink,
            done,
            attached,
            error ->
                staleConnection(error, tryNumber)
                    && again(() -> follow(container, sink, done, attached, tryNumber + 1)));
    if (container.alreadyStarted()) {
      streaming
          .logContainerCmd(container.id())
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .exec(copying);
    } else {
      streaming
          .attachContainerCmd(container.id())
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .withLogs(false)
          .exec(copying);
    }
  }

  private static boolean again(Runnable request) {
    request.run();
    return true;
  }

  /** Waits until the engine answered the attach; a failed attach is the engine's trouble. */
  private static void awaitAttached(
      JobContainer container, CompletableFuture<Void> done, CountDownLatch attached) {
    try {
      if (!attached.await(DockerClients.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        done.cancel(false);
        throw new IllegalStateException(
            "the engine did not answer the attach to " + container.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.cancel(false);
      throw new IllegalStateException("interrupted while attaching to " + container.name(), e);
    }
    if (done.isCompletedExceptionally()) {
      done.join(); // throws the engine's error
    }
  }

  /**
   * Copies each frame's payload into the sink, and completes {@code done} when the stream ends. A
   * stream that broke before it brought anything may be opened again ({@code retried}), which then
   * completes {@code done} in its place.
   */
  private static final class Copying extends ResultCallback.Adapter<Frame> {
    private final OutputStream sink;
    private final CompletableFuture<Void> done;
    private final CountDownLatch attached;
    private final Predicate<Throwable> retried;
    private boolean received;

    Copying(
        OutputStream sink,
        CompletableFuture<Void> done,
        CountDownLatch attached,
        Predicate<Throwable> retried) {
      this.sink = sink;
      this.done = done;
      this.attached = attached;
      this.retried = retried;
      done.whenComplete((ok, failed) -> closeQuietly()); // also when the caller cancels it
    }

    @Override
    public void onStart(Closeable stream) {
      super.onStart(stream);
      attached.countDown();
    }

    @Override
    public void onNext(Frame frame) {
      received = true;
      try {
        sink.write(frame.getPayload());
        sink.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onError(Throwable error) {
      if (received || done.isDone() || !retried.test(error)) {
        done.completeExceptionally(new IllegalStateException(DockerErrors.message(error), error));
        attached.countDown();
      }
      super.onError(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
      attached.countDown();
      super.onComplete();
    }

    private void closeQuietly() {
      try {
        close();
      } catch (IOException ignored) {
        // the stream is gone either way
      }
    }
  }

  /** The exit code; a non-zero one comes with the container's {@code State.OOMKilled}. */
  CompletableFuture<ContainerExit> awaitExit(JobContainer container) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    awaitExit(container, exit, 1);
    return exit.thenApply(code -> new ContainerExit(code, code != 0 && oomKilled(container)));
  }

  private void awaitExit(JobContainer container, CompletableFuture<Integer> exit, int tryNumber) {
    streaming
        .waitContainerCmd(container.id())
        .exec(
            new ResultCallback.Adapter<WaitResponse>() {
              @Override
              public void onNext(WaitResponse response) {
                exit.complete(response.getStatusCode());
              }

              @Override
              public void onError(Throwable error) {
                if (staleConnection(error, tryNumber)) {
                  awaitExit(container, exit, tryNumber + 1);
                } else {
                  exit.completeExceptionally(
                      new IllegalStateException(DockerErrors.message(error), error));
                }
                super.onError(error);
              }

              @Override
              public void onComplete() {
                exit.completeExceptionally(new IllegalStateException("wait ended without a code"));
                super.onComplete();
              }
            });
  }

  /** A request that failed on a connection the engine had closed, with tries left. */
  private static boolean staleConnection(Throwable error, int tryNumber) {
    if (tryNumber >= STALE_CONNECTION_TRIES) {
      return false;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (cause instanceof IOException
          && message != null
          && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  private boolean oomKilled(JobContainer container) {
    try {
      return Boolean.TRUE.equals(
          calls.inspectContainerCmd(container.id()).exec().getState().getOOMKilled());
    } catch (NotFoundException gone) {
      return false;
    }
  }
}
