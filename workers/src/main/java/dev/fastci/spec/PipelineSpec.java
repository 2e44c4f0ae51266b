package dev.fastci.spec;

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
    PullRequestFilter pullRequests) {

  public PipelineSpec {
    jobs = List.copyOf(jobs);
    parents = parents == null ? Map.of() : Map.copyOf(parents);
    branches = branches == null ? null : List.copyOf(branches);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
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

  public List<String> parentsOf(String job) {
    return parents.getOrDefault(job, List.of());
  }
}
