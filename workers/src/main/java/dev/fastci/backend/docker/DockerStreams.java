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

  CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    streaming
        .logContainerCmd(container.id())
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(true)
        .exec(
            new ResultCallback.Adapter<Frame>() {
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
                done.completeExceptionally(error);
                super.onError(error);
              }

              @Override
              public void onComplete() {
                done.complete(null);
                super.onComplete();
              }
            });
    return done;
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
                exit.completeExceptionally(error);
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
