package dev.fastci.server.runs;

import dev.fastci.contract.PipelineStatus;
import java.time.Instant;

/**
 * One run as the store holds it. JSON columns stay text here.
 *
 * @param event what started the run (push, tag, manual, api, ...); null for runs of older releases
 * @param branch the run's branch, or null
 * @param conditionSkipsJson the jobs its conditions skipped, with the reason; null for none
 * @param paramsJson the value of each of its parameters (JSON); null for none
 * @param concurrencyGroup its concurrency group, or null
 * @param repoAccessJson how its repository is fetched (JSON), or null for its plain URL
 * @param untrusted a pull request from a fork: its jobs get no secret and write no cache or memo
 */
record RunRow(
    String id,
    String name,
    PipelineStatus status,
    int attempt,
    String specJson,
    String triggerJson,
    String carriedJson,
    String error,
    String host,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String event,
    String branch,
    String conditionSkipsJson,
    String paramsJson,
    String concurrencyGroup,
    String repoAccessJson,
    boolean untrusted) {}
