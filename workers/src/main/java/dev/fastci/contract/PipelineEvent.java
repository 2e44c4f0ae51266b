package dev.fastci.contract;

/**
 * Something that happened to a run besides its jobs' states, e.g. a worker host lost.
 *
 * @param at epoch millis, workflow time
 * @param message what happened, in the words the user reads
 */
public record PipelineEvent(long at, String message) {}
