package dev.fastci.server.forge;

import dev.fastci.contract.RepoAccess;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRun;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.runs.RunListener;
import dev.fastci.server.runs.RunOrigin;
import dev.fastci.server.runs.RunService;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.SpecFormat;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Submits one pipeline of a forge event and records the run with its repository: the one place
 * where a forge starts a run. Its repository is fetched with the repository's token (and through a
 * pull request's ref); a pull request from a fork runs untrusted. The listeners (the commit
 * statuses) hear of the run at once, so its first status is set before it starts.
 */
@Component
class ForgeSubmission {
  private final RunService runs;
  private final RepoRuns repoRuns;
  private final List<RunListener> listeners;

  ForgeSubmission(RunService runs, RepoRuns repoRuns, List<RunListener> listeners) {
    this.runs = runs;
    this.repoRuns = repoRuns;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * @param json the pipeline pinned to the event's commit
   * @param facts what the jobs' conditions judge (event, branch, changed files)
   * @param needsApproval the run waits, held WAITING, until a user approves it
   * @param groupKey the run's default concurrency group (a pull request's), or null
   */
  String submit(
      Repo repo,
      Forge forge,
      ForgeEvent event,
      String json,
      String file,
      RunFacts facts,
      boolean needsApproval,
      String groupKey) {
    RunOrigin origin =
        new RunOrigin(
            new RepoAccess(event.fetchRef(), forge.cloneUser(), repo.tokenSecret()),
            event.fork(),
            needsApproval,
            groupKey);
    String id =
        runs.submit(
            json,
            SpecFormat.JSON,
            event.trigger(repo.forge(), repo.name(), file),
            facts,
            origin,
            Actor.named(Actor.FORGE));
    repoRuns.record(
        new RepoRun(
            id,
            repo.id(),
            event.event(),
            event.branch(),
            event.pullRequest(),
            event.title(),
            event.sha(),
            event.fork(),
            needsApproval,
            groupKey,
            Instant.now()));
    listeners.forEach(listener -> listener.runChanged(id));
    return id;
  }
}
