package dev.fastci.server.runs;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.spec.PipelineSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which jobs a retry carries over unchanged; the rest run again as the next attempt. */
public final class Retries {
  private Retries() {}

  /** A run retry re-runs every job that did not succeed (and so its skipped descendants). */
  public static List<JobState> carriedByRunRetry(List<JobState> lastStates) {
    return lastStates.stream().filter(j -> j.status() == JobStatus.SUCCEEDED).toList();
  }

  /** A job retry re-runs that job and its descendants; every other job keeps its state. */
  public static List<JobState> carriedByJobRetry(
      PipelineSpec spec, List<JobState> lastStates, String job) {
    Set<String> rerun = descendantsAndSelf(spec, job);
    return lastStates.stream().filter(j -> !rerun.contains(j.name())).toList();
  }

  static Set<String> descendantsAndSelf(PipelineSpec spec, String job) {
    Set<String> found = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(job));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (found.add(next)) {
        spec.parents()
            .forEach(
                (child, parents) -> {
                  if (parents.contains(next)) {
                    todo.push(child);
                  }
                });
      }
    }
    return found;
  }
}
