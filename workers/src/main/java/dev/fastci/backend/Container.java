package dev.fastci.backend;

/**
 * A container the runner created or found.
 *
 * @param alreadyStarted true when a previous attempt had started it: the job is not started again
 */
public record Container(String id, String name, boolean alreadyStarted) {}
