package dev.fastci.job;

import dev.fastci.spec.JobSpec;

/**
 * What one job activity runs.
 *
 * @param attempt the pipeline attempt this run of the job belongs to, starting at 1
 * @param pipelineDir the host dir mounted at /fastci/pipeline, or null
 * @param workdirFromHost the host dir mounted at /fastci/workdir, or null
 * @param workInPipelineDir true in repo mode: the job starts in the checkout
 */
public record JobRequest(
    String runId,
    int attempt,
    JobSpec job,
    String pipelineDir,
    String workdirFromHost,
    boolean workInPipelineDir) {}
