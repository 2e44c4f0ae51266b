package dev.fastci.job;

import dev.fastci.contract.JobResult;

/**
 * A job attempt whose result is written.
 *
 * @param handedOver its container went to the background removals, which the run's end awaits
 */
record Finished(JobResult result, boolean handedOver) {}
