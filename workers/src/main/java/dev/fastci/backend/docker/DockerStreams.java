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
   * A container not started yet is attached to: its output comes as the container writes it, in the
   * chunks it writes, and the call returns once the attach is in place, so nothing is missed. One
   * started by an earlier try is followed through the logs API from its start instead, which costs
   * the engine a decoded JSON line per line of output (about three times as long for 100 MB).
   * Cancelling the returned future closes the stream.
   */
  CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    Copying copying = new Copying(sink);
    if (container.alreadyStarted()) {
      streaming
          .logContainerCmd(container.id())
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .exec(copying);
      return copying.done;
    }
    streaming
        .attachContainerCmd(container.id())
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(true)
        .withLogs(false)
        .exec(copying);
    copying.awaitAttached(container);
    return copying.done;
  }

  /** Copies each frame's payload into the sink, and completes when the stream ends. */
  private static final class Copying extends ResultCallback.Adapter<Frame> {
    private final OutputStream sink;
    private final CountDownLatch attached = new CountDownLatch(1);
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Copying(OutputStream sink) {
      this.sink = sink;
      done.whenComplete((ok, failed) -> closeQuietly()); // also when the caller cancels it
    }

    @Override
    public void onStart(Closeable stream) {
      super.onStart(stream);
      attached.countDown();
    }

    @Override
    public void onNext(Frame frame) {
      try {
        sink.write(frame.getPayload());
        sink.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(new IllegalStateException(DockerErrors.message(error), error));
      attached.countDown();
      super.onError(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
      attached.countDown();
      super.onComplete();
    }

    /** Waits until the engine answered the attach; a failed attach is the engine's trouble. */
    void awaitAttached(JobContainer container) {
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
                exit.completeExceptionally(
                    new IllegalStateException(DockerErrors.message(error), error));
                super.onError(error);
              }

              @Override
              public void onComplete() {
                exit.completeExceptionally(new IllegalStateException("wait ended without a code"));
                super.onComplete();
              }
            });
    return exit.thenApply(code -> new ContainerExit(code, code != 0 && oomKilled(container)));
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
