package dev.fastci.job;

import dev.fastci.runner.ContainerSpec;
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
  public static final String LABEL_MANAGED = "dev.fastci.managed";
  public static final String LABEL_RUN = "dev.fastci.run";
  public static final String LABEL_JOB = "dev.fastci.job";
  public static final String LABEL_ATTEMPT = "dev.fastci.attempt";

  private JobContainers() {}

  /** Deterministic, so a retried activity finds the container its previous attempt made. */
  public static String containerName(String runId, String job, int attempt) {
    return "fastci-" + runId + "-" + job + "-" + attempt;
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

  public static ContainerSpec specFor(JobRequest request) {
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
    Map<String, String> env = new LinkedHashMap<>(request.job().env());
    env.put("FASTCI", "true");
    env.put("FASTCI_RUN_ID", request.runId());
    env.put("FASTCI_JOB", request.job().name());
    return new ContainerSpec(
        containerName(request.runId(), request.job().name(), request.attempt()),
        request.job().image(),
        request.job().command(),
        env,
        binds,
        request.workInPipelineDir() ? PIPELINE_MOUNT : WORKDIR_MOUNT,
        Map.of(
            LABEL_MANAGED, "true",
            LABEL_RUN, request.runId(),
            LABEL_JOB, request.job().name(),
            LABEL_ATTEMPT, Integer.toString(request.attempt())));
  }
}
