package dev.fastci.server.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.server.runs.Trigger;
import dev.fastci.server.schedules.RepoSchedules;
import dev.fastci.spec.BranchFilter;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.HostPaths;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts a push's pipelines: every pipeline file at the pushed commit becomes a run in repo mode,
 * pinned to that commit, unless its {@code on.branches} leaves the ref out; and keeps the pushed
 * branch's schedules ({@code on.schedule}) in line with the files. Whoever can push may write these
 * files, so they may mount no host path unless the repository is one of {@code
 * fastci.git.trusted-repos}; then the server's allowed roots apply, as to any submitted run.
 */
@Service
class PushPipelines {
  private static final Logger log = LoggerFactory.getLogger(PushPipelines.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final HostPathPolicy UNTRUSTED =
      HostPathPolicy.noHostPaths(
          "a pipeline started by a push may use host paths only when its repo is in "
              + HostPathPolicy.TRUSTED_REPOS_SETTING);

  private final PipelineFiles files;
  private final SpecDocuments specs;
  private final RunService runs;
  private final List<String> trustedRepos;
  private final RepoSchedules schedules;

  PushPipelines(
      PipelineFiles files,
      SpecDocuments specs,
      RunService runs,
      FastciProperties properties,
      RepoSchedules schedules) {
    this.files = files;
    this.specs = specs;
    this.runs = runs;
    this.schedules = schedules;
    this.trustedRepos = properties.git().trustedRepos();
  }

  /** What a push started, and the files it could not start, by path. */
  record Started(List<String> pipelines, Map<String, List<SpecError>> errors) {}

  Started start(GitPush push) {
    List<String> started = new ArrayList<>();
    Map<String, List<SpecError>> errors = new LinkedHashMap<>();
    String branch = push.branch();
    if (push.deletesRef()) {
      if (branch != null) {
        schedules.branchDeleted(push.repo(), branch);
      }
      return new Started(started, errors);
    }
    boolean trusted = trusted(push.repo());
    RunFacts facts = null; // the diff is read once, and only when a pipeline starts
    List<RepoSchedules.PushedFile> scheduled = new ArrayList<>();
    for (PipelineFiles.PipelineFile file : files.at(push.repo(), push.after())) {
      try {
        String json = pinnedToCommit(file, push);
        PipelineSpec spec = specs.parse(json, SpecFormat.JSON);
        boolean starts = BranchFilter.matches(spec.branches(), push.ref());
        if (!starts && spec.schedules().isEmpty()) {
          continue;
        }
        if (!trusted) {
          UNTRUSTED.enforce(spec);
        }
        scheduled.add(new RepoSchedules.PushedFile(file.path(), json, spec));
        if (!starts) {
          continue;
        }
        Trigger trigger = trigger(push, file.path());
        if (facts == null) {
          facts = trigger.facts(null, files.changedPaths(push.repo(), push.before(), push.after()));
        }
        started.add(runs.submit(json, SpecFormat.JSON, trigger, facts));
      } catch (InvalidSpecException e) {
        log.warn("{} at {} is not a valid pipeline: {}", file.path(), push.after(), e.getMessage());
        errors.put(file.path(), e.errors());
      }
    }
    if (branch != null) {
      schedules.pushed(
          push.repo(), branch, files.defaultBranch(push.repo()), scheduled, errors.keySet());
    }
    return new Started(started, errors);
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

  /** The file's spec in repo mode: the pushed repository at the pushed commit. */
  private static String pinnedToCommit(PipelineFiles.PipelineFile file, GitPush push) {
    JsonNode tree;
    try {
      SpecFormat format = SpecFormat.forFileName(file.path()).resolve(file.text());
      tree = (format == SpecFormat.YAML ? YAML : JSON).readTree(file.text());
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException(List.of(new SpecError("$", e.getOriginalMessage())));
    }
    if (!(tree instanceof ObjectNode spec)) {
      throw new InvalidSpecException(List.of(new SpecError("$", "must be an object")));
    }
    spec.put("repo_url", push.repo());
    spec.put("commit_hash", push.after());
    return spec.toString();
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
