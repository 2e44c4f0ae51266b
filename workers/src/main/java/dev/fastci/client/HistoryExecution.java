package dev.fastci.client;

import java.time.Instant;

/**
 * One Temporal execution of a run: its first start, a retry, a resume after a restart, or its
 * continuation on a new generation of the embedded engine.
 *
 * @param executionId Temporal's run id of the execution
 * @param status {@code Running}, {@code Completed}, {@code Failed}, {@code Canceled}, {@code
 *     Terminated}, {@code TimedOut}, or {@code Interrupted} for an archived one that never closed
 * @param note what became of an interrupted execution (moved to a new generation, server stopped)
 * @param archived true when it is read from the archive, its engine closed
 */
public record HistoryExecution(
    String executionId,
    Instant startedAt,
    Instant closedAt,
    String status,
    int events,
    String note,
    boolean archived) {}
