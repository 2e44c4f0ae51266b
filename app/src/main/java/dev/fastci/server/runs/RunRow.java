package dev.fastci.server.runs;

import dev.fastci.contract.PipelineStatus;
import java.time.Instant;

/** One run as the store holds it. JSON columns stay text here. */
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
    String repoAccessJson,
    boolean untrusted) {}
