package dev.fastci.contract;

/**
 * A service that became ready.
 *
 * @param containerId the engine's id of its container, which the watch of its life follows
 * @param readyAt epoch milliseconds
 * @param how what told it was ready ({@code ready.tcp 5432}, {@code its image's HEALTHCHECK}, ...)
 */
public record ServiceStarted(String containerId, String containerName, long readyAt, String how) {}
