package dev.fastci.workflow;

import dev.fastci.spec.PipelineSpec;

/**
 * The input of one pipeline run.
 *
 * @param runId also the workflow id; names containers, logs and the pipeline dir
 * @param attempt 1 for the first run; later attempts re-run what did not succeed
 */
public record PipelineRun(String runId, PipelineSpec spec, int attempt) {}
