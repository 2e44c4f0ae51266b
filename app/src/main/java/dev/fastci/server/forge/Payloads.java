package dev.fastci.server.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Fields of a webhook's JSON by their dotted path, with errors that name the path. */
public final class Payloads {
  private Payloads() {}

  /**
   * The text at {@code path} ({@code pull_request.head.sha}).
   *
   * @throws BadHookException naming the path when it is absent, empty or not text
   */
  public static String text(JsonNode root, String path) {
    String value = optional(root, path);
    if (value == null || value.isEmpty()) {
      throw BadHookException.missing(path);
    }
    return value;
  }

  /** The text (or number, as text) at {@code path}, or null. */
  public static String optional(JsonNode root, String path) {
    JsonNode node = at(root, path);
    return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
  }

  /**
   * The whole number at {@code path}.
   *
   * @throws BadHookException naming the path when it is absent or no whole number
   */
  public static int number(JsonNode root, String path) {
    JsonNode node = at(root, path);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw BadHookException.missing(path);
    }
    return node.intValue();
  }

  /** The text at the first of the paths that has one, or null. */
  public static String firstOf(JsonNode root, String path, String otherPath) {
    String value = optional(root, path);
    return value != null ? value : optional(root, otherPath);
  }

  /**
   * The push of the payload's {@code ref}, {@code before} and {@code after}, as all three forges
   * name them; a deleted ref ({@code after} all zeros) starts nothing.
   */
  public static Hook push(JsonNode root, String author, String message) {
    String after = text(root, "after");
    if (after.equals(Hook.ZERO_COMMIT)) {
      return new Hook.Ignored("a deleted ref starts nothing");
    }
    return new Hook.Push(text(root, "ref"), optional(root, "before"), after, author, message);
  }

  /**
   * GitHub's {@code pull_request} payload, which Gitea (and Forgejo) took over: the action (see
   * {@link Hook.PullRequest.Action#named}; any other is ignored), the top-level {@code number}, and
   * the title, author, head and base under {@code pull_request}.
   *
   * @param fork whether the payload's head is in another repository than its base
   */
  public static Hook pullRequest(JsonNode root, Predicate<JsonNode> fork) {
    String action = text(root, "action");
    Hook.PullRequest.Action what = Hook.PullRequest.Action.named(action);
    if (what == null) {
      return new Hook.Ignored("pull_request action " + action + " starts nothing");
    }
    return new Hook.PullRequest(
        what,
        number(root, "number"),
        optional(root, "pull_request.title"),
        optional(root, "pull_request.user.login"),
        text(root, "pull_request.head.ref"),
        text(root, "pull_request.head.sha"),
        optional(root, "pull_request.head.repo.full_name"),
        text(root, "pull_request.base.ref"),
        fork.test(root));
  }

  /** The node at {@code path}, or null. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node == null || node.isNull() ? null : node;
  }
}
