package dev.fastci.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One validated job of a pipeline: a container of {@code image} running {@code command}.
 *
 * @param command the argv, already split from the spec's string form
 * @param volumes Docker {@code -v} bindings, {@code host:container[:ro|rw]}
 * @param timeoutSecs the job's time limit, or null for none
 * @param secrets the names of the secrets the job itself asks for (only names: values never enter a
 *     spec or the workflow history)
 * @param pipelineSecrets the names of the pipeline's secrets, which every job gets
 * @param memory the memory limit in Docker notation ({@code 64m}), or null for the worker's default
 * @param cpus the CPU limit, or null for the worker's default
 * @param platform the platform the container runs under ({@code linux/arm64}), or null for the
 *     engine's own
 * @param caches keyed caches restored before the job and saved after it succeeded
 * @param memoize {@code cache: true}: the job is not run again on an unchanged key; its log and
 *     {@code outputs} are restored instead
 * @param outputs paths in the pipeline dir recorded with a memoized job
 */
public record JobSpec(
    String name,
    String image,
    List<String> command,
    List<String> volumes,
    Double timeoutSecs,
    Map<String, String> env,
    List<String> secrets,
    List<String> pipelineSecrets,
    String memory,
    Double cpus,
    String platform,
    List<CacheSpec> caches,
    boolean memoize,
    List<String> outputs) {

  public JobSpec {
    command = List.copyOf(command);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    env = env == null ? Map.of() : Map.copyOf(env);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    pipelineSecrets = pipelineSecrets == null ? List.of() : List.copyOf(pipelineSecrets);
    caches = caches == null ? List.of() : List.copyOf(caches);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** A job without platform, caches and memoization. */
  public JobSpec(
      String name,
      String image,
      List<String> command,
      List<String> volumes,
      Double timeoutSecs,
      Map<String, String> env,
      List<String> secrets,
      List<String> pipelineSecrets,
      String memory,
      Double cpus) {
    this(
        name,
        image,
        command,
        volumes,
        timeoutSecs,
        env,
        secrets,
        pipelineSecrets,
        memory,
        cpus,
        null,
        null,
        false,
        null);
  }

  /** A job without secrets and resource limits. */
  public JobSpec(
      String name,
      String image,
      List<String> command,
      List<String> volumes,
      Double timeoutSecs,
      Map<String, String> env) {
    this(name, image, command, volumes, timeoutSecs, env, null, null, null, null);
  }

  /** Every secret the job's container gets: the pipeline's, then its own, each once. */
  public List<String> allSecrets() {
    LinkedHashSet<String> all = new LinkedHashSet<>(pipelineSecrets);
    all.addAll(secrets);
    return List.copyOf(all);
  }
}
