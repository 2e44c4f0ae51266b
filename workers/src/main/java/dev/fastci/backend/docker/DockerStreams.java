package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.WaitResponse;
import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.JobContainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

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

  CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    followLogs(container, sink, done, 1);
    return done;
  }

  private void followLogs(
      JobContainer container, OutputStream sink, CompletableFuture<Void> done, int tryNumber) {
    boolean[] received = {false};
    streaming
        .logContainerCmd(container.id())
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(true)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                received[0] = true;
                try {
                  sink.write(frame.getPayload());
                  sink.flush();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }

              @Override
              public void onError(Throwable error) {
                if (!received[0] && staleConnection(error, tryNumber)) {
                  followLogs(container, sink, done, tryNumber + 1);
                } else {
                  done.completeExceptionally(error);
                }
                super.onError(error);
              }

              @Override
              public void onComplete() {
                done.complete(null);
                super.onComplete();
              }
            });
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
                  exit.completeExceptionally(error);
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
