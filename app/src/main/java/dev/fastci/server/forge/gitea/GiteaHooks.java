package dev.fastci.server.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.Payloads;

/** Gitea's (and Forgejo's) {@code push} and {@code pull_request} payloads as FastCI's model. */
final class GiteaHooks {
  private GiteaHooks() {}

  /** A branch or a tag pushed; a deleted ref starts nothing. */
  static Hook push(JsonNode json) {
    String after = Payloads.text(json, "after");
    if (after.equals(Hook.ZERO_COMMIT)) {
      return new Hook.Ignored("a deleted ref starts nothing");
    }
    String pusher = Payloads.optional(json, "pusher.login");
    return new Hook.Push(
        Payloads.text(json, "ref"),
        Payloads.optional(json, "before"),
        after,
        pusher != null ? pusher : Payloads.optional(json, "sender.login"),
        Payloads.optional(json, "head_commit.message"));
  }

  /**
   * opened, reopened and synchronized (Gitea's word for new commits) run; closed cancels; labels,
   * edits and reviews start nothing.
   */
  static Hook pullRequest(JsonNode json) {
    String action = Payloads.text(json, "action");
    Hook.PullRequest.Action what =
        switch (action) {
          case "opened", "reopened" -> Hook.PullRequest.Action.OPENED;
          case "synchronized", "synchronize" -> Hook.PullRequest.Action.SYNCHRONIZED;
          case "closed" -> Hook.PullRequest.Action.CLOSED;
          default -> null;
        };
    if (what == null) {
      return new Hook.Ignored("pull_request action " + action + " starts nothing");
    }
    String headRepo = Payloads.optional(json, "pull_request.head.repo.full_name");
    return new Hook.PullRequest(
        what,
        Payloads.number(json, "number"),
        Payloads.optional(json, "pull_request.title"),
        Payloads.optional(json, "pull_request.user.login"),
        Payloads.text(json, "pull_request.head.ref"),
        Payloads.text(json, "pull_request.head.sha"),
        headRepo,
        Payloads.text(json, "pull_request.base.ref"),
        fork(json, headRepo));
  }

  /** By the repositories' ids when both are given, else by their names; same repo without them. */
  private static boolean fork(JsonNode json, String headRepo) {
    String headId = Payloads.optional(json, "pull_request.head.repo_id");
    String baseId = Payloads.optional(json, "pull_request.base.repo_id");
    if (headId != null && baseId != null) {
      return !headId.equals(baseId);
    }
    String repo = Payloads.text(json, "repository.full_name");
    return headRepo != null && !headRepo.equals(repo);
  }
}
