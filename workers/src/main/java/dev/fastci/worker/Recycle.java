package dev.fastci.worker;

import java.util.List;

/**
 * The embedded Temporal was replaced by a fresh one.
 *
 * @param retired the generation that was closed
 * @param serving the generation that takes every execution from now on
 * @param movedRunIds the runs whose executions were still open on the retired generation: they must
 *     be started again on the new one (the server resumes them from its store)
 */
public record Recycle(int retired, int serving, List<String> movedRunIds) {
  public Recycle {
    movedRunIds = List.copyOf(movedRunIds);
  }
}
