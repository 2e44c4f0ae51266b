package dev.fastci.server.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.Payloads;

/** GitLab's push, tag push and merge request payloads as FastCI's model. */
final class GitLabHooks {
  private GitLabHooks() {}

  /** A branch or a tag pushed; a deleted one (after = zeros) starts nothing. */
  static Hook push(JsonNode json) {
    return Payloads.push(
        json, Payloads.firstOf(json, "user_username", "user_name"), lastMessage(json));
  }

  /**
   * open and reopen run, so does update when it brings new commits ({@code oldrev}); close and
   * merge cancel; approvals, labels and other updates start nothing.
   */
  static Hook mergeRequest(JsonNode json) {
    String action = Payloads.text(json, "object_attributes.action");
    boolean newCommits = Payloads.optional(json, "object_attributes.oldrev") != null;
    Hook.PullRequest.Action what =
        switch (action) {
          case "open", "reopen" -> Hook.PullRequest.Action.OPENED;
          case "update" -> newCommits ? Hook.PullRequest.Action.SYNCHRONIZED : null;
          case "close", "merge" -> Hook.PullRequest.Action.CLOSED;
          default -> null;
        };
    if (what == null) {
      return new Hook.Ignored(
          "merge request action "
              + action
              + (action.equals("update") ? " without new commits" : "")
              + " starts nothing");
    }
    String source = Payloads.text(json, "object_attributes.source_project_id");
    String target = Payloads.text(json, "object_attributes.target_project_id");
    return new Hook.PullRequest(
        what,
        Payloads.number(json, "object_attributes.iid"),
        Payloads.optional(json, "object_attributes.title"),
        Payloads.optional(json, "user.username"),
        Payloads.text(json, "object_attributes.source_branch"),
        Payloads.text(json, "object_attributes.last_commit.id"),
        Payloads.optional(json, "object_attributes.source.path_with_namespace"),
        Payloads.text(json, "object_attributes.target_branch"),
        !source.equals(target));
  }

  private static String lastMessage(JsonNode json) {
    JsonNode commits = json.path("commits");
    return commits.isArray() && !commits.isEmpty()
        ? commits.get(commits.size() - 1).path("message").asText(null)
        : null;
  }
}
