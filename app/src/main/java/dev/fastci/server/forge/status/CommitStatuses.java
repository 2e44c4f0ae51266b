package dev.fastci.server.forge.status;

import dev.fastci.client.TemporalClients;
import dev.fastci.server.repos.PublicUrl;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRun;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.repos.RepoStore;
import dev.fastci.server.runs.RunListener;
import dev.fastci.server.runs.RunProgressReader;
import dev.fastci.worker.Engine;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells a forge-started run's {@link CommitStatusWorkflow} that the run changed, starting it when
 * it is not running (signal-with-start). Runs of no forge repository are left alone.
 */
@Component
class CommitStatuses implements RunListener {
  private final RepoRuns repoRuns;
  private final RepoStore repos;
  private final PublicUrl urls;
  private final RunProgressReader runs;
  private final TemporalClients clients;

  CommitStatuses(
      RepoRuns repoRuns, RepoStore repos, PublicUrl urls, RunProgressReader runs, Engine engine) {
    this.repoRuns = repoRuns;
    this.repos = repos;
    this.urls = urls;
    this.runs = runs;
    this.clients = engine.clients();
  }

  @Override
  public void runChanged(String runId) {
    Optional<RepoRun> link = repoRuns.byRun(runId);
    if (link.isEmpty()) {
      return;
    }
    Optional<Repo> repo = repos.find(link.get().repoId());
    if (repo.isEmpty() || !repo.get().forge().isForge()) {
      return;
    }
    StatusTarget target =
        new StatusTarget(
            runId,
            repo.get().id(),
            link.get().commitSha(),
            "fastci/" + runs.of(runId).name(),
            urls.of("/runs/" + runId));
    clients.starting(
        client -> {
          CommitStatusWorkflow workflow =
              client.newWorkflowStub(
                  CommitStatusWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(CommitStatusWorkflow.idOf(runId))
                      .setTaskQueue(CommitStatusWorkflow.QUEUE)
                      .build());
          BatchRequest start = client.newSignalWithStartRequest();
          start.add(workflow::report, target);
          start.add(workflow::changed);
          return client.signalWithStart(start);
        });
  }
}
