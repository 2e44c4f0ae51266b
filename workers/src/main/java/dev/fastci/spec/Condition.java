package dev.fastci.spec;

import java.util.List;

/**
 * A job's {@code when}: every key given must match. {@code branch}, {@code event} and {@code path}
 * are facts of the run, known before it starts; {@code status} is judged on the parents' ends while
 * it runs.
 *
 * @param branches globs of the run's branch, or null when not asked
 * @param events the run's events, or null when not asked
 * @param include path globs of which a changed file must match one, or null when not asked
 * @param exclude path globs that take a changed file out again
 * @param status when the job runs as its parents end
 */
public record Condition(
    List<String> branches,
    List<String> events,
    List<String> include,
    List<String> exclude,
    Status status) {

  /** When a job runs, judged on its parents' ends. */
  public enum Status {
    /** Every parent succeeded (the default). */
    SUCCESS,
    /** Every parent ended and at least one failed: for notification or cleanup jobs. */
    FAILURE,
    /** Every parent ended, whatever its outcome. */
    ALWAYS
  }

  public Condition {
    branches = branches == null ? null : List.copyOf(branches);
    events = events == null ? null : List.copyOf(events);
    include = include == null ? null : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    status = status == null ? Status.SUCCESS : status;
  }

  /** The status a job without {@code when} has. */
  public static Status statusOf(Condition when) {
    return when == null ? Status.SUCCESS : when.status();
  }

  /**
   * Why a job with this condition does not run in a run with these facts, or null when the facts
   * match: {@code when.branch: feature/x does not match main, release/*}.
   */
  public String skipReason(RunFacts facts) {
    if (branches != null) {
      String branch = facts.branch();
      if (branch == null) {
        return "when.branch: the run has no branch (" + String.join(", ", branches) + ")";
      }
      if (branches.stream().noneMatch(pattern -> Glob.matches(pattern, branch))) {
        return "when.branch: " + branch + " does not match " + String.join(", ", branches);
      }
    }
    if (events != null && !events.contains(facts.event())) {
      return "when.event: " + facts.event() + " is not " + String.join(", ", events);
    }
    if (include != null && facts.changedPaths() != null && !anyPathMatches(facts.changedPaths())) {
      return "when.path: no changed file matches "
          + String.join(", ", include)
          + (exclude.isEmpty() ? "" : " outside " + String.join(", ", exclude));
    }
    return null;
  }

  private boolean anyPathMatches(List<String> changed) {
    return changed.stream()
        .anyMatch(
            path ->
                include.stream().anyMatch(p -> Glob.matches(p, path))
                    && exclude.stream().noneMatch(p -> Glob.matches(p, path)));
  }
}
