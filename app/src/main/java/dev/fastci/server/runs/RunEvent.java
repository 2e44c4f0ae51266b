package dev.fastci.server.runs;

import java.time.Instant;

/** Something that happened to a run besides its jobs' states, in the words the user reads. */
public record RunEvent(Instant at, int attempt, String message) {}
