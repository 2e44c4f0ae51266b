package dev.fastci.backend;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one job's (or service's) container.
 *
 * @param command the argv; empty for the image's own command
 * @param env the container's environment, secret values included: {@link #toString()} shows only
 *     the names
 * @param binds Docker bind specs, {@code host:container[:ro|rw]} or {@code volume:container}
 * @param memoryBytes the memory limit (swap included), or null for none
 * @param nanoCpus the CPU limit in billionths of a CPU, or null for none
 * @param networkMode Docker's network mode, like {@code container:NAME}; null for the default
 * @param platform {@code os/arch[/variant]} to run under, or null for the engine's own
 * @param hostAliases names that resolve to the run's own network namespace inside the container
 *     (the run's services: {@code db} answers like {@code localhost}); empty for none
 */
public record ContainerSpec(
    String name,
    String image,
    List<String> command,
    Map<String, String> env,
    List<String> binds,
    String workingDir,
    Map<String, String> labels,
    Long memoryBytes,
    Long nanoCpus,
    String networkMode,
    String platform,
    List<String> hostAliases) {

  public ContainerSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    binds = List.copyOf(binds);
    labels = Map.copyOf(labels);
    hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
  }

  /** A container that reaches no service by name. */
  public ContainerSpec(
      String name,
      String image,
      List<String> command,
      Map<String, String> env,
      List<String> binds,
      String workingDir,
      Map<String, String> labels,
      Long memoryBytes,
      Long nanoCpus,
      String networkMode,
      String platform) {
    this(
        name,
        image,
        command,
        env,
        binds,
        workingDir,
        labels,
        memoryBytes,
        nanoCpus,
        networkMode,
        platform,
        null);
  }

  /** A container without resource limits. */
  public ContainerSpec(
      String name,
      String image,
      List<String> command,
      Map<String, String> env,
      List<String> binds,
      String workingDir,
      Map<String, String> labels) {
    this(name, image, command, env, binds, workingDir, labels, null, null, null, null);
  }

  /** This container in another network namespace: {@code container:NAME} joins that one's. */
  public ContainerSpec inNetwork(String mode) {
    return new ContainerSpec(
        name,
        image,
        command,
        env,
        binds,
        workingDir,
        labels,
        memoryBytes,
        nanoCpus,
        mode,
        platform,
        hostAliases);
  }

  /** This container, reaching these names (the run's services) like {@code localhost}. */
  public ContainerSpec withHostAliases(List<String> names) {
    return new ContainerSpec(
        name,
        image,
        command,
        env,
        binds,
        workingDir,
        labels,
        memoryBytes,
        nanoCpus,
        networkMode,
        platform,
        names);
  }

  /** This container with one more bind, {@code host:container[:ro|rw]}. */
  public ContainerSpec withBind(String bind) {
    List<String> more = new java.util.ArrayList<>(binds);
    more.add(bind);
    return new ContainerSpec(
        name,
        image,
        command,
        env,
        more,
        workingDir,
        labels,
        memoryBytes,
        nanoCpus,
        networkMode,
        platform,
        hostAliases);
  }

  /** True for the container of a service of the run (labelled {@link Labels#SERVICE}). */
  public boolean isService() {
    return labels.containsKey(Labels.SERVICE);
  }

  @Override
  public String toString() {
    return "ContainerSpec[name=%s, image=%s, command=%s, env=%s, binds=%s, workingDir=%s, labels=%s, memoryBytes=%s, nanoCpus=%s, networkMode=%s, platform=%s, hostAliases=%s]"
        .formatted(
            name,
            image,
            command,
            new java.util.TreeSet<>(env.keySet()),
            binds,
            workingDir,
            labels,
            memoryBytes,
            nanoCpus,
            networkMode,
            platform,
            hostAliases);
  }
}
