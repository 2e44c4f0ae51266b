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
    String after = Payloads.text(json, "after");
    if (after.equals(Hook.ZERO_COMMIT)) {
      return new Hook.Ignored("a deleted ref starts nothing");
    }
    String pusher = Payloads.optional(json, "pusher.name");
    return new Hook.Push(
        Payloads.text(json, "ref"),
        Payloads.optional(json, "before"),
        after,
        pusher != null ? pusher : Payloads.optional(json, "sender.login"),
        Payloads.optional(json, "head_commit.message"));
  }

  /** opened, synchronize, reopened run; closed cancels; other actions start nothing. */
  static Hook pullRequest(JsonNode json) {
    String action = Payloads.text(json, "action");
    Hook.PullRequest.Action what =
        switch (action) {
          case "opened", "reopened" -> Hook.PullRequest.Action.OPENED;
          case "synchronize" -> Hook.PullRequest.Action.SYNCHRONIZED;
          case "closed" -> Hook.PullRequest.Action.CLOSED;
          default -> null;
        };
    if (what == null) {
      return new Hook.Ignored("pull_request action " + action + " starts nothing");
    }
    String base = Payloads.text(json, "pull_request.base.repo.full_name");
    String head = Payloads.optional(json, "pull_request.head.repo.full_name");
    return new Hook.PullRequest(
        what,
        Payloads.number(json, "pull_request.number"),
        Payloads.optional(json, "pull_request.title"),
        Payloads.optional(json, "pull_request.user.login"),
        Payloads.text(json, "pull_request.head.ref"),
        Payloads.text(json, "pull_request.head.sha"),
        head,
        Payloads.text(json, "pull_request.base.ref"),
        head == null || !head.equals(base)); // a deleted fork has no head repository
  }
}
