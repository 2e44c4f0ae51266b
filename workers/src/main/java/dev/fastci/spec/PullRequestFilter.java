package dev.fastci.spec;

import java.util.List;

/**
 * {@code "on": {"pull_request": {"branches": ["main"]}}}: the pull requests that start a pipeline,
 * by the branch they target.
 *
 * @param branches glob patterns of target branches, or null for a pull request to any branch
 */
public record PullRequestFilter(List<String> branches) {
  public PullRequestFilter {
    branches = branches == null ? null : List.copyOf(branches);
  }
}
