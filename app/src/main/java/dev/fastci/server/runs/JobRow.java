package dev.fastci.server.runs;

import dev.fastci.workflow.JobStatus;
import java.time.Instant;

/** One job attempt as the store holds it. */
record JobRow(
    String job,
    int attempt,
    JobStatus status,
    Integer exitCode,
    String error,
    String host,
    Instant startedAt,
    Instant finishedAt) {}
