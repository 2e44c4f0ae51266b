package dev.fastci.server.hooks;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.commits.CommitPipelines;
import dev.fastci.server.commits.PipelineFiles;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRun;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.repos.Repos;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.Trigger;
import dev.fastci.server.schedules.RepoSchedules;
import dev.fastci.spec.BranchFilter;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.HostPaths;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.SpecFormat;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Starts a push's pipelines: every pipeline file at the pushed commit becomes a run in repo mode,
 * pinned to that commit, unless its {@code on} leaves the ref out; and keeps the pushed branch's
 * schedules ({@code on.schedule}) in line with the files. Whoever can push may write these files,
 * so they may mount no host path unless the repository is trusted: one of {@code
 * fastci.git.trusted-repos}, or registered ({@code forge: git}) as trusted. Then the server's
 * allowed roots apply, as to any submitted run.
 */
@Service
class PushPipelines {
  private static final HostPathPolicy UNTRUSTED =
      HostPathPolicy.noHostPaths(
          "a pipeline started by a push may use host paths only when its repo is in "
              + HostPathPolicy.TRUSTED_REPOS_SETTING
              + " or registered as trusted");

  private final PipelineFiles files;
  private final CommitPipelines commits;
  private final RunService runs;
  private final Repos repos;
  private final RepoRuns repoRuns;
  private final List<String> trustedRepos;
  private final RepoSchedules schedules;

  PushPipelines(
      PipelineFiles files,
      CommitPipelines commits,
      RunService runs,
      Repos repos,
      RepoRuns repoRuns,
      FastciProperties properties,
      RepoSchedules schedules) {
    this.files = files;
    this.commits = commits;
    this.runs = runs;
    this.repos = repos;
    this.repoRuns = repoRuns;
    this.trustedRepos = properties.git().trustedRepos();
    this.schedules = schedules;
  }

  CommitPipelines.Started start(GitPush push) {
    String branch = push.branch();
    if (push.deletesRef()) {
      if (branch != null) {
        schedules.branchDeleted(push.repo(), branch);
      }
      return CommitPipelines.Started.none();
    }
    Optional<Repo> registered = repos.find(ForgeKind.GIT, push.repo());
    boolean trusted = registered.map(Repo::trusted).orElse(false) || trusted(push.repo());
    CommitPipelines.Policy policy =
        new CommitPipelines.Policy(
            spec -> BranchFilter.startsOnPush(spec, push.ref()) ? null : "on leaves it out",
            trusted ? null : UNTRUSTED,
            spec -> !spec.schedules().isEmpty());
    RunFacts[] facts = {null}; // the diff is read once, and only when a pipeline starts
    CommitPipelines.Started started =
        commits.start(
            files.at(push.repo(), push.after()),
            new CommitPipelines.Commit(push.repo(), push.after()),
            policy,
            (json, spec, file) -> {
              Trigger trigger = trigger(push, file);
              if (facts[0] == null) {
                facts[0] =
                    trigger.facts(
                        null, files.changedPaths(push.repo(), push.before(), push.after()));
              }
              String id = runs.submit(json, SpecFormat.JSON, trigger, facts[0]);
              registered.ifPresent(repo -> repoRuns.record(repoRun(repo, push, id)));
              return id;
            });
    if (branch != null) {
      schedules.pushed(
          push.repo(),
          branch,
          files.defaultBranch(push.repo()),
          started.kept().stream()
              .filter(kept -> !kept.spec().schedules().isEmpty())
              .map(kept -> new RepoSchedules.PushedFile(kept.file(), kept.json(), kept.spec()))
              .toList(),
          started.errors().keySet());
    }
    return started;
  }

  /**
   * True when the repository is one of {@code fastci.git.trusted-repos}: the same string, or the
   * same directory once links and {@code ..} are resolved.
   */
  boolean trusted(String repo) {
    for (String entry : trustedRepos) {
      String candidate = entry == null ? "" : entry.strip();
      if (candidate.isEmpty()) {
        continue;
      }
      if (candidate.equals(repo) || sameDirectory(candidate, repo)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameDirectory(String a, String b) {
    if (!a.startsWith("/") || !b.startsWith("/")) {
      return false;
    }
    try {
      return HostPaths.realPath(Path.of(a)).equals(HostPaths.realPath(Path.of(b)));
    } catch (IOException | InvalidPathException unresolvable) {
      return false;
    }
  }

  private static RepoRun repoRun(Repo repo, GitPush push, String runId) {
    boolean tag = push.ref().startsWith("refs/tags/");
    String branch = push.ref().replaceFirst("^refs/(heads|tags)/", "");
    return new RepoRun(
        runId,
        repo.id(),
        tag ? "tag" : "push",
        tag ? null : branch,
        null,
        null,
        push.after(),
        false,
        false,
        null,
        Instant.now());
  }

  private static Trigger trigger(GitPush push, String file) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("repo", push.repo());
    details.put("ref", push.ref());
    details.put("before", push.before());
    details.put("after", push.after());
    details.put("file", file);
    return new Trigger("push", details);
  }
}
