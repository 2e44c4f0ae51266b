package dev.fastci.spec;

import java.util.List;
import java.util.Set;

/**
 * What a run's conditions ({@code when}) are judged against.
 *
 * @param event what started the run: one of {@link #EVENTS}
 * @param branch the run's branch (a push's branch, or the one given with a manual or API run), or
 *     null when it has none
 * @param changedPaths the files changed by the push, relative to the repository root, or null when
 *     no diff is known (then every path counts as changed)
 */
public record RunFacts(String event, String branch, List<String> changedPaths) {
  /** The events a run can have, in the order the README lists them. */
  public static final Set<String> EVENTS =
      Set.of("push", "tag", "pull_request", "manual", "api", "schedule");

  public RunFacts {
    changedPaths = changedPaths == null ? null : List.copyOf(changedPaths);
  }

  /** A run a person started by hand, with no branch and no diff. */
  public static RunFacts manual() {
    return new RunFacts("manual", null, null);
  }
}
