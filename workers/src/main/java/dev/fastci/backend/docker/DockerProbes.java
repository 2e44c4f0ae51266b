package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a service's readiness asks of the engine: a command run inside its container, its state and
 * health, and whether its network namespace accepts a TCP connection.
 */
final class DockerProbes {
  private final DockerClient streaming;
  private final DockerClient calls;

  /**
   * @param streaming runs commands, which last as long as they do
   * @param calls inspects containers and execs
   */
  DockerProbes(DockerClient streaming, DockerClient calls) {
    this.streaming = streaming;
    this.calls = calls;
  }

  Integer exec(JobContainer container, List<String> command, Duration timeout) {
    String exec =
        calls
            .execCreateCmd(container.id())
            .withCmd(command.toArray(String[]::new))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    try (ResultCallback.Adapter<Frame> output =
        streaming.execStartCmd(exec).exec(new ResultCallback.Adapter<>())) {
      if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return null; // the command goes on inside the container; Docker cannot kill an exec
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
    }
    Long code = calls.inspectExecCmd(exec).exec().getExitCodeLong();
    return code == null ? null : code.intValue();
  }

  ContainerStatus status(JobContainer container) {
    InspectContainerResponse.ContainerState state;
    try {
      state = calls.inspectContainerCmd(container.id()).exec().getState();
    } catch (NotFoundException gone) {
      return ContainerStatus.GONE;
    }
    boolean running = Boolean.TRUE.equals(state.getRunning());
    boolean ended = "exited".equals(state.getStatus()) || "dead".equals(state.getStatus());
    Long exit = state.getExitCodeLong();
    return new ContainerStatus(
        running, ended && exit != null ? exit.intValue() : null, health(state.getHealth()));
  }

  private static ContainerStatus.Health health(HealthState health) {
    if (health == null || health.getStatus() == null) {
      return ContainerStatus.Health.NONE;
    }
    return switch (health.getStatus()) {
      case "healthy" -> ContainerStatus.Health.HEALTHY;
      case "unhealthy" -> ContainerStatus.Health.UNHEALTHY;
      case "starting" -> ContainerStatus.Health.STARTING;
      default -> ContainerStatus.Health.NONE;
    };
  }

  /**
   * Connects from this process to the namespace's address on Docker's bridge: the address of the
   * container that holds the namespace (the run's network holder) when the container joined one.
   */
  boolean acceptsTcp(JobContainer container, int port, Duration timeout) {
    String address = address(container.id());
    if (address == null) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private String address(String container) {
    InspectContainerResponse inspected = calls.inspectContainerCmd(container).exec();
    String mode = inspected.getHostConfig().getNetworkMode();
    if (mode != null && mode.startsWith("container:")) {
      inspected = calls.inspectContainerCmd(mode.substring("container:".length())).exec();
    }
    if (inspected.getNetworkSettings() == null) {
      return null;
    }
    String bridge = inspected.getNetworkSettings().getIpAddress();
    if (bridge != null && !bridge.isEmpty()) {
      return bridge;
    }
    return inspected.getNetworkSettings().getNetworks().values().stream()
        .map(ContainerNetwork::getIpAddress)
        .filter(ip -> ip != null && !ip.isEmpty())
        .findFirst()
        .orElse(null);
  }
}
