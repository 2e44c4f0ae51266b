package dev.fastci.server.forge.status;

import dev.fastci.server.forge.CommitStatus;

/**
 * What the forge was told last: the state and the description. Nothing is sent again while they
 * stay the same.
 *
 * @param done true when nothing more will be sent for the run: its state is final, or its
 *     repository is gone
 */
public record SentStatus(CommitStatus.State state, String description, boolean done) {}
