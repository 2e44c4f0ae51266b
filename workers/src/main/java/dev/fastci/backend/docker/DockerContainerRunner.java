package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.WaitResponse;
import dev.fastci.backend.Container;
import dev.fastci.backend.ContainerRunner;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobStartException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs job containers on a Docker engine through docker-java. */
public class DockerContainerRunner implements ContainerRunner {
  private final DockerClient docker;
  private final PlatformSupport platforms;

  public DockerContainerRunner(DockerClient docker) {
    this(docker, PlatformSupport.ofThisHost());
  }

  public DockerContainerRunner(DockerClient docker, PlatformSupport platforms) {
    this.docker = docker;
    this.platforms = platforms;
  }

  @Override
  public Container createOrFind(ContainerSpec spec) {
    if (spec.platform() != null) {
      platforms.check(spec.platform());
    }
    try {
      return create(spec);
    } catch (NotFoundException imageMissing) {
      // Creating first saves an image lookup on every job; only a missing image costs a pull.
      ensureImage(spec.image(), spec.platform());
      try {
        return create(spec);
      } catch (NotFoundException stillMissing) {
        throw new JobStartException(
            "could not create the container: " + reason(stillMissing), stillMissing);
      }
    }
  }

  private Container create(ContainerSpec spec) {
    try {
      String id =
          docker
              .createContainerCmd(spec.image())
              .withName(spec.name())
              .withCmd(spec.command())
              .withEnv(
                  spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
              .withLabels(spec.labels())
              .withWorkingDir(spec.workingDir())
              .withPlatform(spec.platform())
              .withHostConfig(
                  HostConfig.newHostConfig()
                      .withPrivileged(false) // never: a privileged job owns the host
                      .withBinds(spec.binds().stream().map(Bind::parse).toList())
                      // null: no limit; swap = memory: the job cannot swap past its limit
                      .withMemory(spec.memoryBytes())
                      .withMemorySwap(spec.memoryBytes())
                      .withNanoCPUs(spec.nanoCpus())
                      .withNetworkMode(spec.networkMode()))
              .exec()
              .getId();
      return new Container(id, spec.name(), false);
    } catch (ConflictException nameTaken) {
      return findExisting(spec.name());
    } catch (NotFoundException imageMissing) {
      throw imageMissing;
    } catch (DockerException e) {
      throw new JobStartException("could not create the container: " + reason(e), e);
    }
  }

  private Container findExisting(String name) {
    InspectContainerResponse found = docker.inspectContainerCmd(name).exec();
    boolean started = !"created".equals(found.getState().getStatus());
    return new Container(found.getId(), name, started);
  }

  @Override
  public String imageId(String image, String platform) {
    try {
      return docker.inspectImageCmd(image).exec().getId();
    } catch (NotFoundException missing) {
      ensureImage(image, platform);
      return docker.inspectImageCmd(image).exec().getId();
    }
  }

  private void ensureImage(String image, String platform) {
    ImageReference ref = ImageReference.parse(image);
    try {
      docker
          .pullImageCmd(ref.repository())
          .withTag(ref.tag())
          .withPlatform(platform)
          .exec(new PullImageResultCallback())
          .awaitCompletion();
    } catch (DockerException e) {
      throw new JobStartException(
          "image " + image + " is not present locally and could not be pulled: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobStartException("interrupted while pulling image " + image, e);
    }
  }

  @Override
  public void start(Container container) {
    if (container.alreadyStarted()) {
      return;
    }
    try {
      docker.startContainerCmd(container.id()).exec();
    } catch (NotModifiedException alreadyRunning) {
      // a previous attempt started it between our create and this start
    } catch (DockerException e) {
      throw new JobStartException("could not start the container: " + reason(e), e);
    }
  }

  @Override
  public CompletableFuture<Void> followLogs(Container container, OutputStream sink) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    docker
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

  @Override
  public CompletableFuture<Integer> exitCode(Container container) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    docker
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
    return exit;
  }

  @Override
  public boolean oomKilled(Container container) {
    try {
      return Boolean.TRUE.equals(
          docker.inspectContainerCmd(container.id()).exec().getState().getOOMKilled());
    } catch (NotFoundException gone) {
      return false;
    }
  }

  @Override
  public void kill(Container container) {
    try {
      docker.killContainerCmd(container.id()).exec();
    } catch (NotFoundException | ConflictException notRunning) {
      // already ended or gone: nothing to kill
    }
  }

  @Override
  public void remove(Container container) {
    try {
      docker.removeContainerCmd(container.id()).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // removed already
    } catch (ConflictException removalInProgress) {
      // the engine is already removing it
    }
  }

  @Override
  public int removeLabelled(Map<String, String> labels) {
    List<com.github.dockerjava.api.model.Container> found =
        docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    for (com.github.dockerjava.api.model.Container container : found) {
      remove(new Container(container.getId(), container.getId(), true));
    }
    return found.size();
  }

  private static String reason(DockerException e) {
    String message = e.getMessage();
    int json = message.indexOf("{\"message\":\"");
    if (json >= 0) {
      message = message.substring(json + 12).replaceFirst("\"}\\s*$", "");
    }
    return message.strip();
  }
}
