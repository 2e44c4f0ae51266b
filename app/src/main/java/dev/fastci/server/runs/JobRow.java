package dev.fastci.server.runs;

import dev.fastci.contract.JobStatus;
import java.time.Instant;

/**
 * One job attempt as the store holds it.
 *
 * @param cached true when the job was memoized: not run, its log and outputs restored
 * @param skipReason why a SKIPPED job did not run, or null
 */
record JobRow(
    String job,
    int attempt,
    JobStatus status,
    Integer exitCode,
    String error,
    String host,
    Instant startedAt,
    Instant finishedAt,
    boolean cached,
    String skipReason) {}
