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
 * @param repoAccessJson how its repository is fetched (JSON), or null for its plain URL
 * @param untrusted a pull request from a fork: its jobs get no secret and write no cache or memo
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
    String concurrencyGroup,
    String repoAccessJson,
    boolean untrusted) {

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
        concurrencyGroup,
        repoAccessJson,
        untrusted);
  }
}
