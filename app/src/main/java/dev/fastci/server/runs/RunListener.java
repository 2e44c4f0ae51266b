package dev.fastci.server.runs;

/**
 * Told after the store recorded a change of a run (it started, a job ended, it ended), in the
 * recorder's thread: it must return quickly and never throw for the run's sake.
 */
public interface RunListener {
  void runChanged(String runId);
}
