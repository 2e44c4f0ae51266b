package dev.fastci.server.commits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the pipelines of one commit, for the git hook and the forges alike: every pipeline file
 * becomes a run in repo mode pinned to the commit, unless its {@code on} leaves the event out or it
 * breaks a rule. Whoever can push may write these files, so an untrusted commit's pipelines may
 * mount no host path.
 */
@Component
public class CommitPipelines {
  private static final Logger log = LoggerFactory.getLogger(CommitPipelines.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final SpecDocuments specs;

  public CommitPipelines(SpecDocuments specs) {
    this.specs = specs;
  }

  /** The commit the runs check out: the repository as the workers fetch it, and the commit id. */
  public record Commit(String repoUrl, String sha) {}

  /**
   * What a commit's pipelines may do.
   *
   * @param leavesOut why a pipeline does not run for this event, or null when it does
   * @param hostPaths refuses host paths for an untrusted commit; null for a trusted one
   * @param keptAnyway a pipeline that is checked and kept ({@link Started#kept}) even when it does
   *     not run for this event (a pushed pipeline with schedules)
   */
  public record Policy(
      Function<PipelineSpec, String> leavesOut,
      HostPathPolicy hostPaths,
      Predicate<PipelineSpec> keptAnyway) {

    /** A policy that keeps only what runs. */
    public Policy(Function<PipelineSpec, String> leavesOut, HostPathPolicy hostPaths) {
      this(leavesOut, hostPaths, spec -> false);
    }
  }

  /** A valid pipeline file of the commit that its policy keeps: its pinned spec as JSON. */
  public record Kept(String file, String json, PipelineSpec spec) {}

  /** Starts the run of one pipeline: its pinned spec as JSON, the spec, the file; its run id. */
  @FunctionalInterface
  public interface Submitter {
    String submit(String json, PipelineSpec spec, String file);
  }

  /** A pipeline file that started nothing, and why. */
  public record Skipped(String file, String reason) {}

  /**
   * What a commit started: run ids, the files that are no valid pipelines (every problem by path),
   * every file that started nothing with its reason (those too), and the valid files that run or
   * that the policy keeps anyway.
   */
  public record Started(
      List<String> pipelines,
      Map<String, List<SpecError>> errors,
      List<Skipped> skipped,
      List<Kept> kept) {

    /** Nothing started, nothing kept. */
    public static Started none() {
      return new Started(List.of(), Map.of(), List.of(), List.of());
    }
  }

  public Started start(
      List<PipelineFiles.PipelineFile> files, Commit commit, Policy policy, Submitter submitter) {
    List<String> started = new ArrayList<>();
    Map<String, List<SpecError>> errors = new LinkedHashMap<>();
    List<Skipped> skipped = new ArrayList<>();
    List<Kept> kept = new ArrayList<>();
    for (PipelineFiles.PipelineFile file : files) {
      try {
        String json = pinned(file, commit);
        PipelineSpec spec = specs.parse(json, SpecFormat.JSON);
        String leftOut = policy.leavesOut().apply(spec);
        if (leftOut != null && !policy.keptAnyway().test(spec)) {
          skipped.add(new Skipped(file.path(), leftOut));
          continue;
        }
        if (policy.hostPaths() != null) {
          policy.hostPaths().enforce(spec);
        }
        kept.add(new Kept(file.path(), json, spec));
        if (leftOut != null) {
          skipped.add(new Skipped(file.path(), leftOut));
          continue;
        }
        started.add(submitter.submit(json, spec, file.path()));
      } catch (InvalidSpecException e) {
        log.warn("{} at {} is not a valid pipeline: {}", file.path(), commit.sha(), e.getMessage());
        errors.put(file.path(), e.errors());
        skipped.add(new Skipped(file.path(), describe(e.errors())));
      }
    }
    return new Started(started, errors, skipped, kept);
  }

  private static String describe(List<SpecError> errors) {
    return errors.stream().map(SpecError::toString).collect(Collectors.joining("; "));
  }

  /** The file's spec in repo mode: the repository at the commit. */
  static String pinned(PipelineFiles.PipelineFile file, Commit commit) {
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
    spec.put("repo_url", commit.repoUrl());
    spec.put("commit_hash", commit.sha());
    return spec.toString();
  }
}
