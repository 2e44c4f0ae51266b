package dev.fastci.server.forge;

import com.fasterxml.jackson.databind.JsonNode;

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
