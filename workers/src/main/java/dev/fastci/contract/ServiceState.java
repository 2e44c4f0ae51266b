package dev.fastci.contract;

/**
 * A service of a run as the workflow sees it now. Times are epoch milliseconds, null until they
 * happen.
 *
 * @param attempt the run's attempt that started it (its log is of that attempt)
 * @param error why it FAILED, with the last lines of its log; else null
 */
public record ServiceState(
    String name,
    String image,
    ServiceStatus status,
    int attempt,
    Long startedAt,
    Long readyAt,
    Long finishedAt,
    String error) {}
