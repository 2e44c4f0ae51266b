package dev.fastci.server.forge;

import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** A closed (or merged) pull request's runs that have not ended are cancelled. */
@Component
class PullRequestRuns {
  private final RepoRuns repoRuns;
  private final RunService runs;

  PullRequestRuns(RepoRuns repoRuns, RunService runs) {
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
