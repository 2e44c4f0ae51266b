package dev.fastci.server.forge;

import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunControls;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** A closed (or merged) pull request's runs that have not ended are cancelled. */
@Component
class PullRequestRuns {
  private final RepoRuns repoRuns;
  private final RunControls runs;

  PullRequestRuns(RepoRuns repoRuns, RunControls runs) {
    this.repoRuns = repoRuns;
    this.runs = runs;
  }

  /** Returns the runs it cancelled. */
  List<String> cancel(Repo repo, Hook.PullRequest pr) {
    List<String> cancelled = new ArrayList<>();
    for (String id : repoRuns.unfinishedOfPullRequest(repo.id(), pr.number())) {
      try {
        runs.cancel(id);
        cancelled.add(id);
      } catch (RunConflictException endedMeanwhile) {
        // nothing left to cancel
      }
    }
    return cancelled;
  }
}
