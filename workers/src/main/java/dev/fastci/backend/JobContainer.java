package dev.fastci.backend;

/**
 * A job's container, as the backend created or found it.
 *
 * @param id the engine's id of the container
 * @param name its deterministic name (see {@code JobContainers.containerName})
 * @param alreadyStarted true when a previous attempt had started it: the job is not started again
 */
public record JobContainer(String id, String name, boolean alreadyStarted) {}
