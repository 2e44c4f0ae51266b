package dev.fastci.contract;

import dev.fastci.spec.JobSpec;
import java.util.List;

/**
 * What one job activity runs.
 *
 * @param attempt the pipeline attempt this run of the job belongs to, starting at 1
 * @param pipelineDir the host dir mounted at /fastci/pipeline, or null
 * @param workdirFromHost the host dir mounted at /fastci/workdir, or null
 * @param workInPipelineDir true in repo mode: the job starts in the checkout
 * @param parents the job's parents: a memoization key includes theirs
 * @param keyed true when the pipeline memoizes a job: every job then computes its key, which its
 *     descendants' keys include
 * @param maxTries how many tries the attempt gets: Temporal runs the activity again after a try
 *     whose end the job's {@code retry} covers (1: the job's {@code retry} does not apply)
 * @param tryNumber which try of the attempt this is, from 1: the activity sets it for each try (the
 *     workflow sends 1); it names the try's container, log and result file
 * @param untrusted a pull request from a fork: the job gets no secret (it ends in ERROR when it
 *     names one) and saves no cache and no memo
 */
public record JobRequest(
    String runId,
    int attempt,
    JobSpec job,
    String pipelineDir,
    String workdirFromHost,
    boolean workInPipelineDir,
    List<String> parents,
    boolean keyed,
    int maxTries,
    int tryNumber,
    boolean untrusted) {

  public JobRequest {
    parents = parents == null ? List.of() : List.copyOf(parents);
    maxTries = Math.max(1, maxTries);
    tryNumber = Math.max(1, tryNumber);
  }

  /** A job attempt that gets one try. */
  public JobRequest(
      String runId,
      int attempt,
      JobSpec job,
      String pipelineDir,
      String workdirFromHost,
      boolean workInPipelineDir,
      List<String> parents,
      boolean keyed) {
    this(
        runId,
        attempt,
        job,
        pipelineDir,
        workdirFromHost,
        workInPipelineDir,
        parents,
        keyed,
        1,
        1,
        false);
  }

  /** The same job attempt, at its try {@code number}. */
  public JobRequest forTry(int number) {
    return new JobRequest(
        runId,
        attempt,
        job,
        pipelineDir,
        workdirFromHost,
        workInPipelineDir,
        parents,
        keyed,
        maxTries,
        number,
        untrusted);
  }

  /** A job of a pipeline that memoizes nothing. */
  public JobRequest(
      String runId,
      int attempt,
      JobSpec job,
      String pipelineDir,
      String workdirFromHost,
      boolean workInPipelineDir) {
    this(runId, attempt, job, pipelineDir, workdirFromHost, workInPipelineDir, List.of(), false);
  }
}
