package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import com.github.dockerjava.core.command.InspectImageCmdImpl;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.RunScope;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the runner asks the engine for, without an engine: the create request of a job's container
 * says explicitly that it is not privileged.
 */
class UnprivilegedContainersTest {

  @Test
  void everyJobContainerIsCreatedExplicitlyUnprivileged() {
    AtomicReference<CreateContainerCmd> created = new AtomicReference<>();
    DockerClient docker = engineThatRecordsCreates(created);

    JobContainer container =
        DockerBackend.perJob(docker, docker, "host")
            .createOrFind(
                new RunScope("run", null),
                new ContainerSpec(
                    "fastci-run-job-1",
                    "busybox:latest",
                    List.of("true"),
                    Map.of(),
                    List.of("cache:/cache"),
                    "/fastci/workdir",
                    Map.of("dev.fastci.managed", "true")));

    assertThat(container.id()).isEqualTo("created-id");
    assertThat(created.get()).isNotNull();
    assertThat(created.get().getHostConfig().getPrivileged())
        .as("HostConfig.Privileged of the create request")
        .isEqualTo(Boolean.FALSE);
  }

  /** A client whose image is present and whose creates are recorded; anything else fails. */
  private static DockerClient engineThatRecordsCreates(AtomicReference<CreateContainerCmd> into) {
    return (DockerClient)
        Proxy.newProxyInstance(
            DockerClient.class.getClassLoader(),
            new Class<?>[] {DockerClient.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "inspectImageCmd" ->
                      new InspectImageCmdImpl(cmd -> new InspectImageResponse(), (String) args[0]);
                  case "createContainerCmd" ->
                      new CreateContainerCmdImpl(
                          cmd -> {
                            into.set(cmd);
                            CreateContainerResponse response = new CreateContainerResponse();
                            response.setId("created-id");
                            return response;
                          },
                          null,
                          (String) args[0]);
                  default ->
                      throw new UnsupportedOperationException(
                          method.getName() + " is not expected here");
                });
  }
}
