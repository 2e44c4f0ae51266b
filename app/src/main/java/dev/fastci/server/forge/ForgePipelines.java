package dev.fastci.server.forge;

import dev.fastci.git.GitAuth;
import dev.fastci.git.Mirrors;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.commits.CommitPipelines;
import dev.fastci.server.commits.PipelineFiles;
import dev.fastci.server.repos.Repo;
import dev.fastci.spec.BranchFilter;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.RunFacts;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Starts the pipelines of a forge's push or pull request: the repository's mirror is fetched with
 * its token (a pull request's head through its own ref), and every pipeline file at the commit that
 * {@code on} lets through becomes a run. Pushes and a repository's own pull requests may mount host
 * paths only when the repository is trusted; pull requests from forks never.
 */
@Component
class ForgePipelines {
  private static final HostPathPolicy UNTRUSTED =
      HostPathPolicy.noHostPaths(
          "a pipeline started by a forge may use host paths only when its repository is trusted");
  private static final HostPathPolicy FORK =
      HostPathPolicy.noHostPaths("a pull request from a fork may use no host path");

  private final Mirrors mirrors;
  private final PipelineFiles files;
  private final CommitPipelines commits;
  private final ForgeSubmission submission;
  private final SecretSource secrets;

  ForgePipelines(
      FastciProperties properties,
      PipelineFiles files,
      CommitPipelines commits,
      ForgeSubmission submission,
      SecretSource secrets) {
    this.mirrors = new Mirrors(properties.dataDir());
    this.files = files;
    this.commits = commits;
    this.submission = submission;
    this.secrets = secrets;
  }

  CommitPipelines.Started push(Repo repo, Forge forge, ForgeEvent push) {
    return start(
        repo,
        forge,
        push,
        spec -> BranchFilter.startsOnPush(spec, push.ref()) ? null : "on leaves out " + push.ref(),
        repo.trusted() ? null : UNTRUSTED,
        false);
  }

  CommitPipelines.Started pullRequest(Repo repo, Forge forge, ForgeEvent pr) {
    boolean needsApproval = pr.fork() && repo.approveForks();
    Function<PipelineSpec, String> leavesOut =
        spec -> {
          if (!BranchFilter.startsOnPullRequest(spec, pr.baseBranch())) {
            return "on leaves out pull requests into " + pr.baseBranch();
          }
          return null;
        };
    HostPathPolicy hostPaths = pr.fork() ? FORK : repo.trusted() ? null : UNTRUSTED;
    return start(repo, forge, pr, leavesOut, hostPaths, needsApproval);
  }

  private CommitPipelines.Started start(
      Repo repo,
      Forge forge,
      ForgeEvent event,
      Function<PipelineSpec, String> leavesOut,
      HostPathPolicy hostPaths,
      boolean needsApproval) {
    GitAuth auth = new GitAuth(forge.cloneUser(), secrets.value(repo.tokenSecret()));
    Mirrors.Mirror mirror = mirrors.ensure(repo.cloneUrl(), event.sha(), auth, event.fetchRef());
    RunFacts[] facts = {null}; // the diff is read once, and only when a pipeline starts
    return commits.start(
        files.in(mirror.gitDir().toFile(), event.sha()),
        new CommitPipelines.Commit(repo.cloneUrl(), event.sha()),
        new CommitPipelines.Policy(leavesOut, hostPaths),
        (json, spec, file) -> {
          if (facts[0] == null) {
            facts[0] = facts(event, mirror.gitDir().toFile());
          }
          return submission.submit(
              repo,
              forge,
              event,
              json,
              file,
              facts[0],
              needsApproval,
              event.pullRequest() == null
                  ? null
                  : PullRequestGroup.key(
                      repo.forge().id(), repo.name(), event.pullRequest(), spec.name()));
        });
  }

  /**
   * What the jobs' conditions judge: a pull request's event, source branch and the files it changes
   * since the merge base with its target; a push's branch and the files it changed.
   */
  private RunFacts facts(ForgeEvent event, java.io.File gitDir) {
    if (event.pullRequest() != null) {
      return new RunFacts(
          "pull_request",
          event.branch(),
          files.changedSinceMergeBase(gitDir, event.baseBranch(), event.sha()));
    }
    return new RunFacts(
        event.event(), event.branch(), files.changedPaths(gitDir, event.before(), event.sha()));
  }
}
