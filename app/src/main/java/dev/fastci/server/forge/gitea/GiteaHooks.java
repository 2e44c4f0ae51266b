package dev.fastci.server.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.Payloads;

/** Gitea's (and Forgejo's) {@code push} and {@code pull_request} payloads as FastCI's model. */
final class GiteaHooks {
  private GiteaHooks() {}

  /** A branch or a tag pushed; a deleted ref starts nothing. */
  static Hook push(JsonNode json) {
    return Payloads.push(
        json,
        Payloads.firstOf(json, "pusher.login", "sender.login"),
        Payloads.optional(json, "head_commit.message"));
  }

  /**
   * opened, reopened and synchronized (Gitea's word for new commits) run; closed cancels; labels,
   * edits and reviews start nothing.
   */
  static Hook pullRequest(JsonNode json) {
    return Payloads.pullRequest(json, GiteaHooks::fork);
  }

  /** By the repositories' ids when both are given, else by their names; same repo without them. */
  private static boolean fork(JsonNode json) {
    String headRepo = Payloads.optional(json, "pull_request.head.repo.full_name");
    String headId = Payloads.optional(json, "pull_request.head.repo_id");
    String baseId = Payloads.optional(json, "pull_request.base.repo_id");
    if (headId != null && baseId != null) {
      return !headId.equals(baseId);
    }
    String repo = Payloads.text(json, "repository.full_name");
    return headRepo != null && !headRepo.equals(repo);
  }
}
