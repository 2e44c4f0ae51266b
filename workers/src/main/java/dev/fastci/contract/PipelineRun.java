package dev.fastci.contract;

import dev.fastci.spec.PipelineSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input of one execution of a pipeline run. A run's first execution starts every job; a retry
 * (attempt N+1) or a resume after a server restart (same attempt) starts a new execution under the
 * same run id that carries over the jobs it must not run again.
 *
 * @param runId also the workflow id; names containers, logs and the pipeline dir
 * @param attempt the attempt the jobs started by this execution belong to, from 1
 * @param carriedOver final job states kept from before (never re-run)
 * @param hostId the host that holds the run's pipeline dir, or null to let any host take the run
 * @param serverManaged true when a FastCI server owns the run: every state change is recorded in
 *     its store, and the pipeline dir is kept for retries instead of being removed at the end
 * @param hostLostAfterMillis a job that no worker of the run's host picks up for this long makes
 *     the workflow check the host, and move the run to another host when it does not answer; null
 *     for {@link #DEFAULT_HOST_LOST_AFTER}
 * @param repoAccess how the repository of a run in repo mode is fetched; null for its plain URL
 * @param untrusted a pull request from a fork: its jobs get no secret and write no cache or memo
 * @param conditionSkips the jobs whose {@code when} does not match the run's facts (branch, event,
 *     changed paths), with the reason; judged when the run was accepted, so every execution of the
 *     run skips the same jobs
 */
public record PipelineRun(
    String runId,
    PipelineSpec spec,
    int attempt,
    List<JobState> carriedOver,
    String hostId,
    boolean serverManaged,
    Long hostLostAfterMillis,
    RepoAccess repoAccess,
    boolean untrusted,
    Map<String, String> conditionSkips) {
  public static final Duration DEFAULT_HOST_LOST_AFTER = Duration.ofSeconds(60);

  public PipelineRun {
    carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
    conditionSkips =
        conditionSkips == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(conditionSkips));
    if (hostLostAfterMillis != null && hostLostAfterMillis < 1) {
      throw new IllegalArgumentException("hostLostAfterMillis: must be > 0");
    }
  }

  public PipelineRun(
      String runId,
      PipelineSpec spec,
      int attempt,
      List<JobState> carriedOver,
      String hostId,
      boolean serverManaged) {
    this(runId, spec, attempt, carriedOver, hostId, serverManaged, null, null, false, null);
  }

  /** A first execution that nobody records: the command line's. */
  public PipelineRun(String runId, PipelineSpec spec, int attempt) {
    this(runId, spec, attempt, List.of(), null, false);
  }

  /** How long a job may wait for its host before the workflow checks whether the host is alive. */
  public Duration hostLostAfter() {
    return hostLostAfterMillis == null
        ? DEFAULT_HOST_LOST_AFTER
        : Duration.ofMillis(hostLostAfterMillis);
  }

  public PipelineRun withHostLostAfter(Duration after) {
    return new PipelineRun(
        runId,
        spec,
        attempt,
        carriedOver,
        hostId,
        serverManaged,
        after.toMillis(),
        repoAccess,
        untrusted,
        conditionSkips);
  }

  /** The same execution, fetching its repository this way and trusted or not. */
  public PipelineRun withOrigin(RepoAccess access, boolean untrustedRun) {
    return new PipelineRun(
        runId,
        spec,
        attempt,
        carriedOver,
        hostId,
        serverManaged,
        hostLostAfterMillis,
        access,
        untrustedRun,
        conditionSkips);
  }

  /** How the repository is fetched: {@link RepoAccess#DEFAULT} when nothing else was said. */
  public RepoAccess access() {
    return repoAccess == null ? RepoAccess.DEFAULT : repoAccess;
  }

  /** The same run, with the jobs its conditions skip. */
  public PipelineRun withConditionSkips(Map<String, String> skips) {
    return new PipelineRun(
        runId,
        spec,
        attempt,
        carriedOver,
        hostId,
        serverManaged,
        hostLostAfterMillis,
        repoAccess,
        untrusted,
        skips);
  }

  /** True for a retry or a resume: the pipeline dir (and checkout) already exist. */
  public boolean continuesEarlierExecution() {
    return attempt > 1 || !carriedOver.isEmpty() || hostId != null;
  }
}
