package dev.fastci.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated pipeline: a DAG of jobs. Only {@link PipelineSpecParser} builds one from user input,
 * so every instance has passed every rule of the spec.
 *
 * @param parents for each child job, the jobs it waits for; jobs without parents are absent
 * @param bindWorkdirFromHost an absolute host path mounted at /fastci/workdir, or null
 * @param repoUrl a repository cloned at {@code commitHash} into the pipeline dir, or null
 * @param branches {@code on.branches}: the pushed branches (glob patterns) that start it, or null
 *     (see {@link BranchFilter#startsOnPush})
 * @param secrets the names of the secrets every job gets (each job's {@link
 *     JobSpec#pipelineSecrets()} holds them too)
 * @param services containers of the run beside its jobs, started when it starts
 * @param parameters what a run may be given, with their defaults and choices
 * @param params this run's value of each parameter (the given one, or the default)
 * @param concurrency the run's concurrency group, or null for none
 * @param notifications webhooks told of the run's end ({@code notify})
 * @param schedules {@code on.schedule}: when the pipeline runs on a clock
 * @param pullRequests {@code on.pull_request}: the pull requests that start it, or null (see {@link
 *     BranchFilter#startsOnPullRequest})
 */
public record PipelineSpec(
    String name,
    List<JobSpec> jobs,
    Map<String, List<String>> parents,
    String bindWorkdirFromHost,
    boolean setupPipelineDir,
    String repoUrl,
    String commitHash,
    List<String> branches,
    List<String> secrets,
    List<ServiceSpec> services,
    List<ParameterSpec> parameters,
    Map<String, String> params,
    ConcurrencySpec concurrency,
    List<NotifySpec> notifications,
    List<ScheduleSpec> schedules,
    PullRequestFilter pullRequests) {

  public PipelineSpec {
    jobs = List.copyOf(jobs);
    parents = parents == null ? Map.of() : Map.copyOf(parents);
    branches = branches == null ? null : List.copyOf(branches);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    services = services == null ? List.of() : List.copyOf(services);
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    params =
        params == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  /** A pipeline without {@code on.pull_request}. */
  public PipelineSpec(
      String name,
      List<JobSpec> jobs,
      Map<String, List<String>> parents,
      String bindWorkdirFromHost,
      boolean setupPipelineDir,
      String repoUrl,
      String commitHash,
      List<String> branches,
      List<String> secrets,
      List<ServiceSpec> services,
      List<ParameterSpec> parameters,
      Map<String, String> params,
      ConcurrencySpec concurrency,
      List<NotifySpec> notifications,
      List<ScheduleSpec> schedules) {
    this(
        name,
        jobs,
        parents,
        bindWorkdirFromHost,
        setupPipelineDir,
        repoUrl,
        commitHash,
        branches,
        secrets,
        services,
        parameters,
        params,
        concurrency,
        notifications,
        schedules,
        null);
  }

  /** A pipeline without run controls (parameters, concurrency, notify, schedules). */
  public PipelineSpec(
      String name,
      List<JobSpec> jobs,
      Map<String, List<String>> parents,
      String bindWorkdirFromHost,
      boolean setupPipelineDir,
      String repoUrl,
      String commitHash,
      List<String> branches,
      List<String> secrets,
      List<ServiceSpec> services) {
    this(
        name,
        jobs,
        parents,
        bindWorkdirFromHost,
        setupPipelineDir,
        repoUrl,
        commitHash,
        branches,
        secrets,
        services,
        null,
        null,
        null,
        null,
        null);
  }

  /** A pipeline without services. */
  public PipelineSpec(
      String name,
      List<JobSpec> jobs,
      Map<String, List<String>> parents,
      String bindWorkdirFromHost,
      boolean setupPipelineDir,
      String repoUrl,
      String commitHash,
      List<String> branches,
      List<String> secrets) {
    this(
        name,
        jobs,
        parents,
        bindWorkdirFromHost,
        setupPipelineDir,
        repoUrl,
        commitHash,
        branches,
        secrets,
        null);
  }

  /** A pipeline without pipeline-level secrets. */
  public PipelineSpec(
      String name,
      List<JobSpec> jobs,
      Map<String, List<String>> parents,
      String bindWorkdirFromHost,
      boolean setupPipelineDir,
      String repoUrl,
      String commitHash,
      List<String> branches) {
    this(
        name,
        jobs,
        parents,
        bindWorkdirFromHost,
        setupPipelineDir,
        repoUrl,
        commitHash,
        branches,
        null,
        null);
  }

  /** True when the jobs share a host dir at /fastci/pipeline (asked for, or holding a checkout). */
  public boolean needsPipelineDir() {
    return setupPipelineDir || repoUrl != null;
  }

  /**
   * The jobs whose {@code when} does not match the run's facts, with the reason, in job order.
   * Judged once, when the run is accepted; {@code when.status} is judged as the run goes.
   */
  public Map<String, String> conditionSkips(RunFacts facts) {
    Map<String, String> skips = new LinkedHashMap<>();
    for (JobSpec job : jobs) {
      String reason = job.when() == null ? null : job.when().skipReason(facts);
      if (reason != null) {
        skips.put(job.name(), reason);
      }
    }
    return skips;
  }

  /** The service of this name. */
  public ServiceSpec service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  public List<String> parentsOf(String job) {
    return parents.getOrDefault(job, List.of());
  }
}
