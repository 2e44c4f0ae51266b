package dev.fastci.server.runs;

/** A run's end was recorded in the store. */
record RunEnded(String runId) {}
