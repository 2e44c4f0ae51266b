package dev.fastci.server.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.Payloads;

/** GitHub's {@code push} and {@code pull_request} payloads as FastCI's model. */
final class GitHubHooks {
  private GitHubHooks() {}

  static Hook push(JsonNode json) {
    if (json.path("deleted").asBoolean(false)) {
      return new Hook.Ignored("a deleted ref starts nothing");
    }
    return Payloads.push(
        json,
        Payloads.firstOf(json, "pusher.name", "sender.login"),
        Payloads.optional(json, "head_commit.message"));
  }

  /** opened, synchronize, reopened run; closed cancels; other actions start nothing. */
  static Hook pullRequest(JsonNode json) {
    return Payloads.pullRequest(json, GitHubHooks::fork);
  }

  /** The head is in another repository than the base, or in none (a deleted fork). */
  private static boolean fork(JsonNode json) {
    String head = Payloads.optional(json, "pull_request.head.repo.full_name");
    return head == null || !head.equals(Payloads.text(json, "pull_request.base.repo.full_name"));
  }
}
