package dev.fastci.server.forge;

import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.runs.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push or pull request that starts pipelines, as a run records it.
 *
 * @param event {@code push}, {@code tag} or {@code pull_request}
 * @param branch the pushed branch, or the pull request's source branch; null for a tag
 * @param sha the commit the pipelines run at
 * @param fetchRef the ref the commit is fetched through (a pull request's head), or null
 * @param pullRequest the pull request's number, or null
 * @param headRepo the repository of a pull request's source branch
 * @param baseBranch the branch a pull request targets
 * @param fork a pull request from another repository: its code is untrusted
 */
record ForgeEvent(
    String event,
    String ref,
    String branch,
    String before,
    String sha,
    String fetchRef,
    String author,
    Integer pullRequest,
    String title,
    String headRepo,
    String baseBranch,
    boolean fork,
    String delivery) {

  static ForgeEvent of(Hook.Push push, String delivery) {
    boolean tag = push.event().equals("tag");
    return new ForgeEvent(
        push.event(),
        push.ref(),
        tag ? null : push.name(),
        push.before(),
        push.after(),
        null,
        push.author(),
        null,
        push.message() == null ? null : push.message().lines().findFirst().orElse(null),
        null,
        null,
        false,
        delivery);
  }

  static ForgeEvent of(Hook.PullRequest pr, String fetchRef, String delivery) {
    return new ForgeEvent(
        "pull_request",
        fetchRef,
        pr.headBranch(),
        null,
        pr.headSha(),
        fetchRef,
        pr.author(),
        pr.number(),
        pr.title(),
        pr.headRepo(),
        pr.baseBranch(),
        pr.fork(),
        delivery);
  }

  /** What the run records and shows: forge, event, ref, branch, commits, pull request, author. */
  Trigger trigger(ForgeKind forge, String repo, String file) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("forge", forge.id());
    details.put("repo", repo);
    details.put("ref", ref);
    put(details, "branch", branch);
    put(details, "before", before);
    details.put("after", sha);
    if (pullRequest != null) {
      details.put("pull_request", String.valueOf(pullRequest));
      put(details, "head_repo", headRepo);
      details.put("base_branch", baseBranch);
      details.put("fork", String.valueOf(fork));
    }
    put(details, "title", title);
    put(details, "author", author);
    details.put("file", file);
    put(details, "delivery", delivery);
    return new Trigger(event, details);
  }

  private static void put(Map<String, String> details, String key, String value) {
    if (value != null) {
      details.put(key, value);
    }
  }
}
