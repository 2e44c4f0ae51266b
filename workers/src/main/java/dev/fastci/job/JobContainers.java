package dev.fastci.job;

import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.Labels;
import dev.fastci.contract.JobRequest;
import dev.fastci.spec.MemorySize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a job request into the container that runs it: name, mounts, labels, environment. */
public final class JobContainers {
  public static final String PIPELINE_MOUNT = "/fastci/pipeline";
  public static final String WORKDIR_MOUNT = "/fastci/workdir";

  private JobContainers() {}

  /** The container of a job attempt's first (or only) try. */
  public static String containerName(String hostId, String runId, String job, int attempt) {
    return containerName(hostId, runId, job, attempt, 1);
  }

  /**
   * Deterministic, so an activity that runs again finds the container of its try. With the host in
   * it, a job run again on another host after its first host was lost never takes over the lost
   * host's container, even when both hosts share one Docker engine. Each try after the first gets a
   * fresh container, {@code ...-ATTEMPT-tryN}; the first keeps the name it had before retries, so a
   * run resumed across an upgrade re-attaches.
   */
  public static String containerName(
      String hostId, String runId, String job, int attempt, int tryNumber) {
    return "fastci-"
        + runId
        + "-"
        + hostId
        + "-"
        + job
        + "-"
        + attempt
        + (tryNumber > 1 ? "-try" + tryNumber : "");
  }

  private static List<String> borrowedObjects(Path pipelineDir) {
    Path alternates = pipelineDir.resolve(".git/objects/info/alternates");
    try {
      return Files.exists(alternates)
          ? Files.readAllLines(alternates).stream().filter(l -> l.startsWith("/")).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + alternates, e);
    }
  }

  public static ContainerSpec specFor(JobRequest request, String hostId) {
    return specFor(request, hostId, null, JobLimits.DEFAULT, Map.of());
  }

  /**
   * @param hostId the worker host that runs the job
   * @param store the value of {@link Labels#STORE}, or null for a run no store owns
   * @param limits the worker's defaults, for a job that sets no memory or cpus
   * @param secrets the values of the job's secrets, by name: passed as environment variables
   */
  public static ContainerSpec specFor(
      JobRequest request,
      String hostId,
      String store,
      JobLimits limits,
      Map<String, String> secrets) {
    return specFor(request, hostId, store, limits, secrets, List.of());
  }

  /**
   * @param cacheBinds the binds of the job's keyed caches, {@code hostDir:path}
   */
  public static ContainerSpec specFor(
      JobRequest request,
      String hostId,
      String store,
      JobLimits limits,
      Map<String, String> secrets,
      List<String> cacheBinds) {
    HostMounts.recheck(request, limits.mounts()); // a link may have been swapped since submit
    List<String> binds = new ArrayList<>(request.job().volumes());
    if (request.pipelineDir() != null) {
      binds.add(request.pipelineDir() + ":" + PIPELINE_MOUNT);
      // A checkout borrows its objects from the host's mirror: show it at the same path, read-only,
      // so git works inside the job.
      borrowedObjects(Path.of(request.pipelineDir()))
          .forEach(dir -> binds.add(dir + ":" + dir + ":ro"));
    }
    if (request.workdirFromHost() != null) {
      binds.add(request.workdirFromHost() + ":" + WORKDIR_MOUNT);
    }
    binds.addAll(cacheBinds); // last: a cache inside the pipeline dir mounts over it
    Map<String, String> env = new LinkedHashMap<>(request.job().env());
    env.putAll(secrets);
    env.put("FASTCI", "true");
    env.put("FASTCI_RUN_ID", request.runId());
    env.put("FASTCI_JOB", request.job().name());
    String memory = limits.memoryOf(request.job());
    Double cpus = limits.cpusOf(request.job());
    return new ContainerSpec(
        containerName(
            hostId, request.runId(), request.job().name(), request.attempt(), request.tryNumber()),
        request.job().image(),
        request.job().command(),
        env,
        binds,
        request.workInPipelineDir() ? PIPELINE_MOUNT : WORKDIR_MOUNT,
        labels(request, hostId, store),
        memory == null ? null : MemorySize.parse(memory),
        cpus == null ? null : Math.round(cpus * 1_000_000_000d),
        null,
        request.job().platform(),
        request.job().services()); // it reaches the services it lists by name
  }

  private static Map<String, String> labels(JobRequest request, String hostId, String store) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED, "true");
    labels.put(Labels.RUN, request.runId());
    labels.put(Labels.JOB, request.job().name());
    labels.put(Labels.ATTEMPT, Integer.toString(request.attempt()));
    labels.put(Labels.TRY, Integer.toString(request.tryNumber()));
    labels.put(Labels.HOST, hostId);
    if (store != null) {
      labels.put(Labels.STORE, store);
    }
    return labels;
  }
}
