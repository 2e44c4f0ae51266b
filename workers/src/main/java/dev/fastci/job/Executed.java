package dev.fastci.job;

import dev.fastci.contract.JobResult;

/**
 * How a job's container ran.
 *
 * @param containerLost the container went away under the job: the result is an ERROR, and the
 *     container is removed at once rather than handed to the background removals
 */
record Executed(JobResult result, boolean containerLost) {}
