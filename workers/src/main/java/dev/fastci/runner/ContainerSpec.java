package dev.fastci.runner;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one job's container.
 *
 * @param binds Docker bind specs, {@code host:container[:ro|rw]} or {@code volume:container}
 */
public record ContainerSpec(
    String name,
    String image,
    List<String> command,
    Map<String, String> env,
    List<String> binds,
    String workingDir,
    Map<String, String> labels) {

  public ContainerSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    binds = List.copyOf(binds);
    labels = Map.copyOf(labels);
  }
}
