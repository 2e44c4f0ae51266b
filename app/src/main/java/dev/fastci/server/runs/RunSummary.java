package dev.fastci.server.runs;

import dev.fastci.workflow.PipelineStatus;
import java.time.Instant;

/** A row of the runs list. */
public record RunSummary(
    String id,
    String name,
    PipelineStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int attempt) {}
