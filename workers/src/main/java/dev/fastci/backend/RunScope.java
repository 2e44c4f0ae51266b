package dev.fastci.backend;

/**
 * What a run has on one host's backend: for now its network namespace, which every job container of
 * the run joins (later also its services).
 *
 * @param networkMode the network mode of the run's job containers, like {@code
 *     container:fastci-RUN-net}; null for the engine's default (a namespace per container)
 */
public record RunScope(String runId, String networkMode) {}
