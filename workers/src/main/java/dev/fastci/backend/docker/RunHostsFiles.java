package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.util.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code /etc/hosts} of the containers of a run that reach its services by name. A container
 * that joins another's network namespace cannot get Docker's {@code ExtraHosts}, so each such
 * container gets a file of its own, {@code <dir>/RUN/CONTAINER.hosts}, bind-mounted read-only at
 * {@code /etc/hosts} (Docker then leaves out its own): the names resolve to {@code 127.0.0.1}, the
 * run's namespace, and the namespace's own hostname to its address, as Docker's file has it.
 */
final class RunHostsFiles {
  static final String MOUNT = "/etc/hosts";
  private static final String NETWORK_OF = "container:";

  private final Path dir;
  private final DockerClient calls;

  /**
   * @param dir where the files are written: it must be the same path on the engine's host (a worker
   *     in a container mounts its data dir at its host path)
   */
  RunHostsFiles(Path dir, DockerClient calls) {
    this.dir = dir;
    this.calls = calls;
  }

  /** The spec, in its run's namespace, with its hosts file written and mounted. */
  ContainerSpec mounted(String runId, ContainerSpec spec) {
    Path file = dir.resolve(runId).resolve(spec.name() + ".hosts");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content(spec), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return spec.withBind(file + ":" + MOUNT + ":ro");
  }

  private String content(ContainerSpec spec) {
    StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost");
    spec.hostAliases().forEach(name -> hosts.append(' ').append(name));
    hosts.append("\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    if (spec.networkMode() != null && spec.networkMode().startsWith(NETWORK_OF)) {
      InspectContainerResponse holder =
          calls.inspectContainerCmd(spec.networkMode().substring(NETWORK_OF.length())).exec();
      String address = holder.getNetworkSettings().getIpAddress();
      if (address != null && !address.isEmpty()) {
        hosts.append(address).append('\t').append(holder.getConfig().getHostName()).append('\n');
      }
    }
    return hosts.toString();
  }

  /** Removes the run's files; idempotent. */
  void remove(String runId) {
    try {
      Directories.deleteRecursively(dir.resolve(runId));
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the hosts files of run " + runId, e);
    }
  }
}
