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
 * @param services the pipeline's services the job waits for (until they are ready)
 * @param when the job's condition, or null for none (every parent must succeed)
 * @param retry how Temporal tries the job again, or null for one try
 * @param matrix the combination this job is an instance of, or null for a job without matrix
 * @param artifacts globs of files, relative to the working dir, kept after the job ends
 * @param approval the job's approval gate (it then runs no container), or null
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
    List<String> outputs,
    List<String> services,
    Condition when,
    RetrySpec retry,
    MatrixInstance matrix,
    List<String> artifacts,
    ApprovalSpec approval) {

  public JobSpec {
    command = List.copyOf(command);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    env = env == null ? Map.of() : Map.copyOf(env);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    pipelineSecrets = pipelineSecrets == null ? List.of() : List.copyOf(pipelineSecrets);
    caches = caches == null ? List.of() : List.copyOf(caches);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    services = services == null ? List.of() : List.copyOf(services);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }

  /** A job without artifacts and approval. */
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
      Double cpus,
      String platform,
      List<CacheSpec> caches,
      boolean memoize,
      List<String> outputs,
      List<String> services,
      Condition when,
      RetrySpec retry,
      MatrixInstance matrix) {
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
        platform,
        caches,
        memoize,
        outputs,
        services,
        when,
        retry,
        matrix,
        null,
        null);
  }

  /** A job without services, condition, retry and matrix. */
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
      Double cpus,
      String platform,
      List<CacheSpec> caches,
      boolean memoize,
      List<String> outputs) {
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
        platform,
        caches,
        memoize,
        outputs,
        null,
        null,
        null,
        null);
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

  /** What the UI shows: the name, or {@code test (jdk=17, os=a)} for a matrix instance. */
  public String displayName() {
    return matrix == null ? name : matrix.displayName();
  }

  /**
   * Whether the job is an approval gate, which runs no container. Not a JSON property ({@code has}
   * is no bean prefix): the spec travels in workflow payloads, where {@code approval} is the gate.
   */
  public boolean hasApproval() {
    return approval != null;
  }

  /** How many tries the job gets (1 without {@code retry}). */
  public int maxTries() {
    return retry == null ? 1 : retry.max();
  }

  /** Every secret the job's container gets: the pipeline's, then its own, each once. */
  public List<String> allSecrets() {
    LinkedHashSet<String> all = new LinkedHashSet<>(pipelineSecrets);
    all.addAll(secrets);
    return List.copyOf(all);
  }
}
