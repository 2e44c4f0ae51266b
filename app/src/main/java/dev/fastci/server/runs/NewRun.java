package dev.fastci.server.runs;

import dev.fastci.contract.PipelineStatus;
import java.time.Instant;

/**
 * A run about to be stored: what it was given and decided when it was accepted.
 *
 * @param status PENDING, or QUEUED behind its concurrency group
 * @param conditionSkipsJson the jobs its conditions skip, with the reason (JSON), or null
 * @param paramsJson the value of each of its parameters (JSON), or null
 * @param concurrencyGroup its concurrency group, or null
 */
record NewRun(
    String id,
    String name,
    PipelineStatus status,
    String specJson,
    String triggerJson,
    Instant createdAt,
    String event,
    String branch,
    String conditionSkipsJson,
    String paramsJson,
    String concurrencyGroup) {

  /** The row the store holds for it once inserted. */
  RunRow row() {
    return new RunRow(
        id,
        name,
        status,
        1,
        specJson,
        triggerJson,
        "[]",
        null,
        null,
        createdAt,
        null,
        null,
        event,
        branch,
        conditionSkipsJson,
        paramsJson,
        concurrencyGroup);
  }
}
